"""The forms of in-term care: talks, the mentor, the training plan, leave and attendance."""

from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadres.forms import FlexibleDateField
from guazhi.fields import LONG_TEXT, NOTE, TEXT
from guazhi.forms import form_helper
from guazhi.uploads import validate_document

from ..choices import TalkerRole
from ..models import Leave, Talk
from ..services.care import TALK_FIELDS


class TalkForm(forms.ModelForm):
    """A talk as recorded; the roles offered are those the user may talk in."""

    date = FlexibleDateField(label=gettext_lazy("date of the talk"), initial=timezone.localdate)
    follow_up_due = FlexibleDateField(label=gettext_lazy("follow-up due"), required=False)

    class Meta:
        model = Talk
        fields = list(TALK_FIELDS)
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
        self.helper = form_helper(_("Record the talk"))
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
    named_on = FlexibleDateField(label=gettext_lazy("mentor named on"), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save"))


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
    filed_on = FlexibleDateField(label=gettext_lazy("training plan filed on"), initial=timezone.localdate)
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
        self.helper = form_helper(_("Save the training plan"))

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


class UnitTrainingPlanForm(forms.Form):
    """The plan as the receiving unit writes it: saved as a draft, or submitted for approval."""

    DRAFT = "save_draft"
    text = TrainingPlanForm.base_fields["text"]
    attachment = TrainingPlanForm.base_fields["attachment"]

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = _(
            "Optional. PDF, Word (.doc, .docx) or a JPG/PNG scan, at most %(limit)s."
        ) % {"limit": filesizeformat(settings.GUAZHI["UPLOAD_MAX_BYTES"])}
        self.helper = form_helper(_("Submit for approval"), multipart=True)
        self.helper.add_input(Submit(self.DRAFT, _("Save as a draft"), css_class="btn-outline-secondary"))

    clean_attachment = TrainingPlanForm.clean_attachment


class ReturnPlanForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reason for returning"), max_length=NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Return to the unit"))


class LeaveRequestForm(forms.ModelForm):
    start_date = FlexibleDateField(label=gettext_lazy("first day"), initial=timezone.localdate)
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
        self.helper = form_helper(_("Record the request"))
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
    decided_on = FlexibleDateField(label=gettext_lazy("decided on"), initial=timezone.localdate)
    note = forms.CharField(
        label=gettext_lazy("decision note"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The approval document, or the reason for refusing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Record the decision"))

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
