"""One roster row, checked by a form with the rules of the cadre and secondment edit pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.choices import Degree, Education, Ethnicity, Gender, Grade, LeadershipLevel, PoliticalStatus
from cadres.forms import FlexibleDateField, check_identity
from cadres.models import Cadre, Specialty, Unit
from cadres.validators import birth_date_of, gender_digit_is_male, normalise_id_number, validate_id_number

from ..models import Assignment, Secondment
from .columns import SPECIALTY_SEPARATORS, chinese_labels, spellings, squeeze


class ChoiceLabelField(forms.CharField):
    """A choice written as its Chinese label, its stored value, or a common other spelling."""

    def __init__(self, choices, **kwargs):
        self.choice_class = choices
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        found = spellings(self.choice_class).get(squeeze(text).lower())
        if found is None:
            labels = list(chinese_labels(self.choice_class).values())
            allowed = "、".join(labels) if len(labels) <= 15 else _("see the notes sheet of the template")
            raise ValidationError(
                _("“%(value)s” is not an allowed value (%(allowed)s).") % {"value": text, "allowed": allowed},
                code="invalid_choice",
            )
        return found


def _unit_field(**kwargs) -> forms.CharField:
    return forms.CharField(max_length=Unit._meta.get_field("name").max_length, **kwargs)


class SpecialtiesField(forms.Field):
    """Specialty names separated by 、，,;；/."""

    def to_python(self, value) -> list[str]:
        names: list[str] = []
        for part in SPECIALTY_SEPARATORS.split(str(value or "")):
            name = part.strip()
            if name and name not in names:
                names.append(name)
        return names

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        longest = Specialty._meta.get_field("name").max_length
        too_long = [name for name in value if len(name) > longest]
        if too_long:
            raise ValidationError(
                _("%(names)s: a specialty is named in at most %(limit)d characters.")
                % {"names": "、".join(too_long), "limit": longest}
            )


def _model_field(model, name: str, **kwargs) -> forms.Field:
    """The form field the model's edit page uses, with the same length limits."""
    return model._meta.get_field(name).formfield(**kwargs)


class RosterRowForm(forms.Form):
    """One roster row, with the rules of the cadre and secondment edit pages."""

    name = _model_field(Cadre, "name")
    gender = ChoiceLabelField(Gender, required=False)
    birth_date = FlexibleDateField(month_only=True, required=False)
    ethnicity = ChoiceLabelField(Ethnicity, required=False)
    political_status = ChoiceLabelField(PoliticalStatus)
    id_number = forms.CharField(required=False)
    education = ChoiceLabelField(Education, required=False)
    degree = ChoiceLabelField(Degree, required=False)
    leadership_level = ChoiceLabelField(LeadershipLevel, required=False)
    grade = ChoiceLabelField(Grade, required=False)
    home_unit = _unit_field(required=False)
    home_position = _model_field(Cadre, "home_position")
    specialties = SpecialtiesField(required=False)
    phone = _model_field(Cadre, "phone")
    sending_unit = _unit_field()
    batch = _model_field(Secondment, "batch")
    appointment_document = _model_field(Secondment, "appointment_document")
    term_start = FlexibleDateField(month_only=True)
    term_end = FlexibleDateField(month_only=True)
    reported_on = FlexibleDateField(month_only=True, required=False)
    unit = _unit_field(required=False)
    title = _model_field(Assignment, "title", required=False)
    duties = _model_field(Assignment, "duties")
    actual_end = FlexibleDateField(month_only=True, required=False)

    def __init__(self, *, units: dict[str, Unit], specialties: dict[str, Specialty], create_units: bool):
        super().__init__(data={})
        self.units = units
        self.specialties = specialties
        self.create_units = create_units

    def check(self, cells: dict) -> bool:
        """Validate one row. One form checks every row of a roster: building its fields
        again for each of thousands of rows would take most of the check's time."""
        self.data = cells
        self._errors = None
        return self.is_valid()

    def _known_unit(self, name: str) -> str:
        value = self.cleaned_data[name]
        if value and value not in self.units and not self.create_units:
            raise ValidationError(
                _(
                    "The unit “%(name)s” is not on file: add it under Units first, "
                    "or import choosing to create what is not on file (--create-units)."
                )
                % {"name": value},
                code="unknown_unit",
            )
        return value

    def clean_home_unit(self) -> str:
        return self._known_unit("home_unit")

    def clean_sending_unit(self) -> str:
        return self._known_unit("sending_unit")

    def clean_unit(self) -> str:
        return self._known_unit("unit")

    def clean_specialties(self) -> list[str]:
        names = self.cleaned_data["specialties"]
        unknown = [name for name in names if name not in self.specialties]
        if unknown and not self.create_units:
            raise ValidationError(
                _(
                    "%(names)s: not in the list of specialties (see the notes sheet of the template); add it "
                    "in the administration first, or import choosing to create what is not on file (--create-units)."
                )
                % {"names": "、".join(unknown)},
                code="unknown_specialty",
            )
        return names

    def clean_id_number(self) -> str:
        number = normalise_id_number(self.cleaned_data.get("id_number", ""))
        if number:
            validate_id_number(number)
        return number

    def clean(self):
        cleaned = super().clean()
        check_identity(self, cleaned)
        number = cleaned.get("id_number")
        if number:
            if "birth_date" not in self.errors:
                cleaned["birth_date"] = birth_date_of(number)
            if not cleaned.get("gender") and "gender" not in self.errors:
                cleaned["gender"] = Gender.MALE if gender_digit_is_male(number) else Gender.FEMALE
        if not cleaned.get("gender") and "gender" not in self.errors:
            self.add_error("gender", ValidationError(self.fields["gender"].error_messages["required"]))
        self._check_term(cleaned)
        self._check_placement(cleaned)
        return cleaned

    def _check_term(self, cleaned: dict) -> None:
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        reported, ended = cleaned.get("reported_on"), cleaned.get("actual_end")
        today = timezone.localdate()
        if start and end and end <= start:
            self.add_error("term_end", _("The planned term end must be after the term start."))
        if reported and reported > today:
            self.add_error("reported_on", _("The reporting date cannot be in the future."))
        if ended:
            if ended > today:
                self.add_error("actual_end", _("The actual end cannot be in the future."))
            elif start and ended < start:
                self.add_error("actual_end", _("The actual end cannot be before the term start."))
            elif reported and ended < reported:
                self.add_error("actual_end", _("The actual end cannot be before the reporting date."))

    def _check_placement(self, cleaned: dict) -> None:
        unit, title, duties = cleaned.get("unit"), cleaned.get("title"), cleaned.get("duties")
        if unit and not title:
            self.add_error("title", _("Enter the title held in %(unit)s.") % {"unit": unit})
        if (title or duties) and not unit and "unit" not in self.errors:
            self.add_error("unit", _("Enter the receiving unit where the title is held."))
