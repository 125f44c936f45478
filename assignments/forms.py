import datetime

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.conf import settings
from django.db.models import F, Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadres.choices import LevelBucket
from cadres.forms import FlexibleDateField
from cadres.models import Specialty, Unit
from guazhi.fields import LONG_TEXT, NOTE, TEXT
from guazhi.filters import SEARCH_MAX_LENGTH, StyledFilterSet
from guazhi.uploads import validate_document

from .choices import ExpectedLevel, PostStatus, SecondmentStatus, TalkerRole
from .models import Leave, Post, Secondment, Talk
from .roster import RosterFileError, read_workbook


def _helper(submit_label: str, *, confirm: str = "") -> FormHelper:
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    if confirm:
        helper.attrs["data-confirm"] = confirm
    helper.add_input(Submit("submit", submit_label))
    return helper


class SecondmentForm(forms.ModelForm):
    """The facts of a term as registered; the register service creates the row."""

    term_start = FlexibleDateField(label=gettext_lazy("term start"))
    term_end = FlexibleDateField(label=gettext_lazy("planned term end"))

    class Meta:
        model = Secondment
        fields = [
            "sending_unit",
            "batch",
            "appointment_document",
            "term_start",
            "term_end",
            "sending_unit_recommendations",
        ]
        widgets = {"sending_unit_recommendations": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"batch": gettext_lazy("For example 2024年省派第二批")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sending_unit"].queryset = Unit.objects.filter(sends=True).order_by("tier", "name")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("sending_unit"), Column("batch"), Column("appointment_document")),
            Row(Column("term_start"), Column("term_end")),
            "sending_unit_recommendations",
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("The planned term end must be after the term start."))
        return cleaned

    def validate_unique(self):
        # The register service checks the cadre's other secondments under a lock.
        pass


class SecondmentEditForm(SecondmentForm):
    """Corrections to a registered term; the term dates only while the cadre is expected."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status != SecondmentStatus.EXPECTED:
            for name in ("term_start", "term_end"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Change the end with “extend the term”.")
        self.helper.form_tag = True
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", _("Save")))

    def validate_unique(self):
        forms.ModelForm.validate_unique(self)


def _today():
    return timezone.localdate()


class DateForm(forms.Form):
    date = FlexibleDateField(label=gettext_lazy("date"), initial=_today)

    def __init__(self, *args, label=None, submit=None, confirm: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["date"].label = label
        self.helper = _helper(submit or _("Save"), confirm=confirm)


class AssignForm(forms.Form):
    start_date = FlexibleDateField(label=gettext_lazy("in the post from"), initial=_today)
    title = forms.CharField(label=gettext_lazy("title held"), max_length=100)
    duties = forms.CharField(
        label=gettext_lazy("duties given"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("The work actually given (分管工作); the post's portfolio by default."),
    )

    def __init__(self, *args, submit=None, confirm: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit or _("Place in this post"), confirm=confirm)


class ReassignForm(AssignForm):
    post = forms.ModelChoiceField(label=gettext_lazy("new post"), queryset=Post.objects.none())
    note = forms.CharField(
        label=gettext_lazy("reason"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["post", "start_date", "title", "duties", "note"]

    def __init__(self, *args, exclude_post=None, **kwargs):
        super().__init__(*args, **kwargs)
        posts = (
            Post.objects.filter(status=PostStatus.OPEN).select_related("unit").order_by("unit__name", "title")
        )
        if exclude_post is not None:
            posts = posts.exclude(pk=exclude_post.pk)
        self.fields["post"].queryset = posts
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Left empty, the post's title.")


class ExtendForm(forms.Form):
    new_end = FlexibleDateField(label=gettext_lazy("new planned end"))
    note = forms.CharField(
        label=gettext_lazy("reason and document"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Extend the term"))


class EndEarlyForm(forms.Form):
    end_date = FlexibleDateField(label=gettext_lazy("last day"), initial=_today)
    reason = forms.CharField(
        label=gettext_lazy("reason"), max_length=NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("End the secondment early"),
            confirm=_("End this secondment early? The cadre leaves the post; this cannot be undone."),
        )


class PostForm(forms.ModelForm):
    quota = forms.IntegerField(label=gettext_lazy("quota"), min_value=0, max_value=99, initial=1)

    class Meta:
        model = Post
        fields = [
            "unit",
            "title",
            "portfolio",
            "expected_level",
            "quota",
            "specialties",
            "strong_team",
            "broad_scope",
            "reason",
        ]
        widgets = {
            "specialties": forms.CheckboxSelectMultiple,
            "portfolio": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(receives=True).order_by("tier", "name")
        self.fields["specialties"].queryset = Specialty.objects.order_by("name")
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("unit"), Column("title")),
            "portfolio",
            Row(Column("expected_level"), Column("quota")),
            "specialties",
            Row(Column("strong_team"), Column("broad_scope")),
            "reason",
            Submit("save", _("Save")),
        )

    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        if self.instance.pk and unit != self.instance.unit and self._held():
            # The holders' secondments belong to the unit of their post: moving it would hand them over.
            raise forms.ValidationError(
                _(
                    "Cadres hold this post now, so it stays in %(unit)s; create the post in the other unit instead."
                )
                % {"unit": self.instance.unit}
            )
        return unit

    def _held(self) -> int:
        if not hasattr(self, "_held_count"):
            self._held_count = self.instance.assignments.filter(end_date__isnull=True).count()
        return self._held_count

    def clean_quota(self):
        quota = self.cleaned_data["quota"]
        if self.instance.pk:
            held = self._held()
            if quota < held:
                raise forms.ValidationError(
                    _("%(held)d cadres hold this post now; the quota cannot be lower.") % {"held": held}
                )
        return quota


class SecondmentFilter(StyledFilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Search"),
        method="search",
        help_text=gettext_lazy("Name or pinyin"),
        max_length=SEARCH_MAX_LENGTH,
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("status"), choices=SecondmentStatus.choices)
    batch = django_filters.ChoiceFilter(label=gettext_lazy("batch"), choices=[])
    sending_unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("sending unit"), queryset=Unit.objects.filter(sends=True).order_by("name")
    )
    current_unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("receiving unit"), queryset=Unit.objects.filter(receives=True).order_by("name")
    )
    level = django_filters.ChoiceFilter(
        label=gettext_lazy("level bucket"), choices=LevelBucket.choices, field_name="cadre__level_bucket"
    )
    ending_within = django_filters.NumberFilter(
        label=gettext_lazy("term ends within (days)"),
        method="ending_within_days",
        min_value=0,
        max_value=3650,
    )

    class Meta:
        model = Secondment
        fields = ["q", "status", "batch", "sending_unit", "current_unit", "level", "ending_within"]

    def __init__(self, *args, batches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["batch"].extra["choices"] = [(b, b) for b in batches]

    def search(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        latin = text.replace(" ", "").lower()
        condition = Q(cadre__name__icontains=text)
        if latin.isascii() and latin.isalpha():
            condition |= Q(cadre__name_pinyin__contains=latin) | Q(cadre__name_initials__contains=latin)
        return queryset.filter(condition)

    def ending_within_days(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        return queryset.filter(
            status__in=[SecondmentStatus.IN_POST, SecondmentStatus.UNDER_REVIEW],
            term_end__gte=today,
            term_end__lte=today + datetime.timedelta(days=int(value)),
        )


class PostFilter(StyledFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("receiving unit"), queryset=Unit.objects.filter(receives=True).order_by("name")
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("status"), choices=PostStatus.choices)
    expected_level = django_filters.ChoiceFilter(
        label=gettext_lazy("expected level"), choices=ExpectedLevel.choices
    )
    specialties = django_filters.ModelChoiceFilter(
        label=gettext_lazy("wanted specialty"), queryset=Specialty.objects.order_by("name")
    )
    vacant = django_filters.BooleanFilter(label=gettext_lazy("has a free seat"), method="with_vacancy")

    class Meta:
        model = Post
        fields = ["unit", "status", "expected_level", "specialties", "vacant"]

    def with_vacancy(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(held__lt=F("quota")) if value else queryset.filter(held__gte=F("quota"))


# --- in-term care ----------------------------------------------------------------


class TalkForm(forms.ModelForm):
    """A talk as recorded; the roles offered are those the user may talk in."""

    date = FlexibleDateField(label=gettext_lazy("date of the talk"), initial=_today)
    follow_up_due = FlexibleDateField(label=gettext_lazy("follow-up due"), required=False)

    class Meta:
        model = Talk
        fields = [
            "kind",
            "date",
            "talker",
            "talker_role",
            "issues_thinking",
            "issues_work",
            "issues_living",
            "actions_taken",
            "follow_up",
            "follow_up_due",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("issues_thinking", "issues_work", "issues_living", "actions_taken", "follow_up")
        }
        help_texts = {
            "talker": gettext_lazy("Name and post, e.g. 王明 县财政局局长"),
            "follow_up": gettext_lazy("What is to be done after the talk, and by whom."),
        }

    def __init__(self, *args, roles: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talker_role"].choices = [(value, TalkerRole(value).label) for value in roles]
        if len(roles) == 1:
            self.fields["talker_role"].initial = roles[0]
        self.fields["follow_up_due"].help_text = _("Leave empty when nothing is to follow.")
        self.helper = _helper(_("Record the talk"))
        self.helper.layout = Layout(
            Row(Column("kind"), Column("date")),
            Row(Column("talker"), Column("talker_role")),
            "issues_thinking",
            "issues_work",
            "issues_living",
            "actions_taken",
            Row(Column("follow_up", css_class="col-md-8"), Column("follow_up_due", css_class="col-md-4")),
        )

    def clean(self):
        cleaned = super().clean()
        day, due = cleaned.get("date"), cleaned.get("follow_up_due")
        if day and day > timezone.localdate():
            self.add_error("date", _("The date cannot be in the future."))
        if due and not cleaned.get("follow_up", "").strip():
            self.add_error("follow_up", _("Describe the follow-up that is due."))
        if due and day and due < day:
            self.add_error("follow_up_due", _("The follow-up cannot be due before the talk."))
        return cleaned


class MentorForm(forms.Form):
    mentor = forms.CharField(
        label=gettext_lazy("mentor"),
        max_length=100,
        help_text=gettext_lazy("A county leader: name and post."),
    )
    named_on = FlexibleDateField(label=gettext_lazy("mentor named on"), initial=_today)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"))


class TrainingPlanForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("training plan"),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("Goals, the work to be given, and how progress is checked."),
    )
    attachment = forms.FileField(
        label=gettext_lazy("training plan file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.doc,.docx,.jpg,.jpeg,.png"}),
    )
    filed_on = FlexibleDateField(label=gettext_lazy("training plan filed on"), initial=_today)
    recommendations = forms.CharField(
        label=gettext_lazy("sending unit's recommendations"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        self.fields["attachment"].help_text = _(
            "Optional. PDF, Word (.doc, .docx) or a JPG/PNG scan, at most %(limit)s."
        ) % {"limit": filesizeformat(settings.GUAZHI["UPLOAD_MAX_BYTES"])}
        if has_file:
            self.fields["attachment"].help_text += " " + _("A new file replaces the one attached now.")
        self.helper = _helper(_("Save the training plan"))

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_document(upload)
        return upload or None

    def clean(self):
        cleaned = super().clean()
        has_plan = cleaned.get("text", "").strip() or cleaned.get("attachment") or self.has_file
        if not has_plan and "attachment" not in self.errors:
            self.add_error("text", _("Write the training plan or attach it as a file."))
        day = cleaned.get("filed_on")
        if day and day > timezone.localdate():
            self.add_error("filed_on", _("The date cannot be in the future."))
        return cleaned


class LeaveRequestForm(forms.ModelForm):
    start_date = FlexibleDateField(label=gettext_lazy("first day"), initial=_today)
    end_date = FlexibleDateField(label=gettext_lazy("last day"))

    class Meta:
        model = Leave
        fields = ["kind", "start_date", "end_date", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = settings.GUAZHI
        self.fields["end_date"].help_text = _(
            "Up to %(unit)d days the receiving unit approves, up to %(county)d days the county "
            "organization department, longer leave the sending side."
        ) % {"unit": limits["LEAVE_UNIT_MAX_DAYS"], "county": limits["LEAVE_COUNTY_MAX_DAYS"]}
        self.helper = _helper(_("Record the request"))
        self.helper.layout = Layout("kind", Row(Column("start_date"), Column("end_date")), "reason")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Leave cannot end before it starts."))
        return cleaned


class LeaveDecisionForm(forms.Form):
    APPROVE, REFUSE = "approve", "refuse"
    decision = forms.ChoiceField(
        choices=[(APPROVE, gettext_lazy("Approve")), (REFUSE, gettext_lazy("Refuse"))],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=gettext_lazy("decision note"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when refusing: the reason."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REFUSE and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reason for refusing the leave."))
        return cleaned


class OutsideDecisionForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=gettext_lazy("decision"),
        choices=[("yes", gettext_lazy("Approved")), ("no", gettext_lazy("Refused"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    approver_name = forms.CharField(
        label=gettext_lazy("decided by"),
        max_length=100,
        help_text=gettext_lazy("Name and post, e.g. 省财政厅人事处处长 李华"),
    )
    decided_on = FlexibleDateField(label=gettext_lazy("decided on"), initial=_today)
    note = forms.CharField(
        label=gettext_lazy("decision note"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The approval document, or the reason for refusing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Record the decision"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("approved") is False and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reason for refusing the leave."))
        day = cleaned.get("decided_on")
        if day and day > timezone.localdate():
            self.add_error("decided_on", _("The date cannot be in the future."))
        return cleaned


class AttendancePeriodForm(forms.Form):
    """The period the secondment page's attendance covers (a GET form; empty means the term so far)."""

    start = FlexibleDateField(label=gettext_lazy("from"), required=False)
    end = FlexibleDateField(label=gettext_lazy("until"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return cleaned


class WatchFilter(StyledFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("receiving unit"),
        field_name="current_unit",
        queryset=Unit.objects.none(),
        null_label=gettext_lazy("Not yet placed"),
        null_value="none",
    )

    class Meta:
        model = Secondment
        fields = ["unit"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.filters["unit"].queryset = units


class RosterUploadForm(forms.Form):
    """A roster workbook to check; the whole file is read here so a bad file is named at once."""

    file = forms.FileField(label=gettext_lazy("Roster workbook (.xlsx)"))
    create_units = forms.BooleanField(
        label=gettext_lazy("Create the units and specialties the roster names that are not on file"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "The first sheet, with the column headers in its first row; at most %(size)s and %(rows)d rows."
        ) % {
            "size": filesizeformat(settings.GUAZHI["IMPORT_MAX_BYTES"]),
            "rows": settings.GUAZHI["IMPORT_MAX_ROWS"],
        }
        self.fields["file"].widget.attrs["accept"] = ".xlsx"
        self.helper = _helper(_("Upload and check"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            read_workbook(upload, name=upload.name)
        except RosterFileError as error:
            raise forms.ValidationError(error.message, code="bad_file") from None
        return upload
