import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, LayoutObject, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guazhi.dates import DateFormatError, parse_date

from .choices import Gender
from .family_forms import family_formset, family_rows, labelled_rows
from .models import Cadre, Specialty, Unit
from .photos import checked_upload, is_pending, pending_photo
from .validators import birth_date_of, gender_digit_is_male, normalise_id_number, validate_id_number

# Every date the product records (births, terms, leave, rounds) falls well inside these.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2099, 12, 31)


class FlexibleDateField(forms.DateField):
    """Accepts 2023-03-01, 2023.03.01, 2023/3/1, 2023年3月1日; with month_only, also 2023.03."""

    def __init__(self, *args, month_only: bool = False, **kwargs):
        self.month_only = month_only
        kwargs.setdefault(
            "help_text",
            gettext_lazy("For example 1972.04") if month_only else gettext_lazy("For example 2024-03-01"),
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            parsed, month_only = parse_date(value)
        except DateFormatError:
            raise ValidationError(
                _("Enter a date such as 2024-03-01, 2024.03.01 or 2024年3月1日."), code="invalid"
            ) from None
        if month_only and not self.month_only:
            raise ValidationError(_("Enter the day as well, e.g. 2024-03-01."), code="month_only")
        if not EARLIEST_DATE <= parsed <= LATEST_DATE:
            # A typo such as 9999 would otherwise reach date arithmetic that cannot hold it.
            raise ValidationError(
                _("Enter a date between %(first)s and %(last)s.")
                % {"first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
                code="out_of_range",
            )
        return parsed

    def prepare_value(self, value):
        if isinstance(value, datetime.date) and self.month_only:
            return value.strftime("%Y.%m") if value.day == 1 else value.isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value


def check_identity(form: forms.BaseForm, cleaned: dict) -> None:
    """The rules tying a cadre's ID number, birth month and gender together.

    Shared by the cadre edit page and the roster import, so both refuse the
    same rows; the fields are named ``id_number``, ``birth_date`` and ``gender``.
    A missing birth date is taken from the ID number.
    """
    number = cleaned.get("id_number")
    birth_date = cleaned.get("birth_date")
    if number:
        try:
            validate_id_number(number, birth_date)
        except ValidationError as error:
            form.add_error("birth_date", error)
        if birth_date is None:
            cleaned["birth_date"] = birth_date_of(number)
        gender = cleaned.get("gender")
        if gender and (gender == Gender.MALE) != gender_digit_is_male(number):
            form.add_error("gender", _("The gender does not match the ID number."))
    elif birth_date is not None and birth_date > timezone.localdate():
        form.add_error("birth_date", _("The birth date cannot be in the future."))
    elif birth_date is None and not {"birth_date", "id_number"} & set(form.errors):
        form.add_error("birth_date", _("Enter the birth month, or an ID number to take it from."))


class FormTemplate(LayoutObject):
    """A part of a crispy layout drawn by a template of its own, given the form."""

    def __init__(self, template: str):
        self.template = template
        self.fields = []

    def render(self, form, context, **kwargs):
        return render_to_string(self.template, {"form": form})


class CadreForm(forms.ModelForm):
    birth_date = FlexibleDateField(label=gettext_lazy("birth date"), month_only=True, required=False)
    party_join_date = FlexibleDateField(
        label=gettext_lazy("date joined the party"), month_only=True, required=False
    )
    work_start_date = FlexibleDateField(
        label=gettext_lazy("date started work"), month_only=True, required=False
    )

    class Meta:
        model = Cadre
        fields = [
            "name",
            "gender",
            "id_number",
            "birth_date",
            "ethnicity",
            "birthplace",
            "place_of_birth",
            "political_status",
            "party_join_date",
            "work_start_date",
            "health",
            "education",
            "degree",
            "school",
            "major",
            "inservice_education",
            "inservice_degree",
            "inservice_school",
            "inservice_major",
            "professional_title",
            "phone",
            "leadership_level",
            "grade",
            "home_unit",
            "home_position",
            "specialties",
            "resume",
            "rewards",
            "annual_appraisals",
            "wishes",
            "family_location",
        ]
        widgets = {
            "specialties": forms.CheckboxSelectMultiple,
            "resume": forms.Textarea(attrs={"rows": 6}),
            "rewards": forms.Textarea(attrs={"rows": 2}),
            "annual_appraisals": forms.Textarea(attrs={"rows": 2}),
            "wishes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "id_number": gettext_lazy("18 characters; the birth month and gender are checked against it."),
            "birth_date": gettext_lazy("Left empty, it is taken from the ID number."),
        }

    photo = forms.FileField(
        label=gettext_lazy("photograph"),
        required=False,
        help_text=gettext_lazy("A JPEG or PNG, as on the 干部任免审批表."),
    )
    photo_token = forms.CharField(widget=forms.HiddenInput, required=False)
    remove_photo = forms.BooleanField(label=gettext_lazy("Remove the photograph"), required=False)

    def __init__(self, *args, family_initial: list[dict] | None = None, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Where the photographs read from files are kept until saved (see cadres.photos).
        self.session = session
        # A request that leaves the family rows out (an older page, a script) leaves the family as it is.
        self.family_posted = self.is_bound and f"{self.add_prefix('family')}-TOTAL_FORMS" in self.data
        self.family = family_formset(
            self.data if self.family_posted else None,
            prefix=self.add_prefix("family"),
            instance=self.instance,
            initial=family_initial,
        )
        if not (self.instance.pk and self.instance.photo):
            del self.fields["remove_photo"]
        self.fields["home_unit"].queryset = Unit.objects.order_by("name")
        self.fields["specialties"].queryset = Specialty.objects.order_by("name")
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Fieldset(
                _("Basic facts"),
                Row(Column("name"), Column("gender"), Column("id_number")),
                Row(Column("birth_date"), Column("ethnicity"), Column("birthplace")),
                Row(Column("place_of_birth"), Column("political_status"), Column("party_join_date")),
                Row(Column("work_start_date"), Column("professional_title"), Column("health")),
                "photo",
                *(["remove_photo"] if "remove_photo" in self.fields else []),
                "photo_token",
                FormTemplate("cadres/includes/photo_pending.html"),
            ),
            Fieldset(
                _("Education"),
                Row(Column("education"), Column("degree")),
                Row(Column("school"), Column("major")),
                Row(Column("inservice_education"), Column("inservice_degree")),
                Row(Column("inservice_school"), Column("inservice_major")),
            ),
            Fieldset(
                _("Position"),
                Row(Column("leadership_level"), Column("grade")),
                Row(Column("home_unit"), Column("home_position")),
                Row(Column("phone"), Column("family_location")),
            ),
            Fieldset(_("Specialties and wishes"), "specialties", "wishes", "resume"),
            Fieldset(_("Rewards and appraisals"), "rewards", "annual_appraisals"),
            Fieldset(_("Family members"), FormTemplate("cadres/includes/family_formset.html")),
        )
        self.helper.add_input(Submit("save", _("Save")))

    @property
    def inline_helper(self) -> FormHelper:
        """The same layout without its own form tag and button, for pages that embed it."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = self.helper.layout
        return helper

    def clean_id_number(self) -> str:
        number = normalise_id_number(self.cleaned_data.get("id_number", ""))
        if not number:
            return ""
        validate_id_number(number)
        duplicates = Cadre.objects.filter(id_number=number)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        existing = duplicates.first()
        if existing is not None:
            raise ValidationError(
                _("%(name)s already has this ID number.") % {"name": existing.name}, code="duplicate"
            )
        return number

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return checked_upload(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        check_identity(self, cleaned)
        token = cleaned.pop("photo_token", "")
        if cleaned.get("photo") is None and "photo" not in self.errors and token:
            cleaned["photo"] = pending_photo(token, self.session)
        if "remove_photo" not in self.fields:
            cleaned.pop("remove_photo", None)
        if not self.family_posted:
            pass
        elif self.family.is_valid():
            cleaned["family"] = family_rows(self.family)
        else:
            self.add_error(None, _("Check the family members below."))
        return cleaned

    @property
    def family_rows(self) -> list[list[tuple]]:
        return labelled_rows(self.family)

    @property
    def pending_photo_token(self) -> str:
        """The token of a photograph read from a file and not yet saved, to show it on the form."""
        token = self["photo_token"].value() or ""
        return token if is_pending(token, self.session) else ""


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "tier", "sends", "receives", "contact_name", "contact_phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("save", _("Save")))


class AccountForm(forms.Form):
    """A cadre's own login: the name they sign in with and, if staff set it, the first password."""

    username = forms.CharField(label=gettext_lazy("login name"), max_length=150)
    password = forms.CharField(
        label=gettext_lazy("first password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Leave empty to have one made up; it is shown once, on the next page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Give the login")))
