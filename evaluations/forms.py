import django_filters
from crispy_forms.bootstrap import InlineRadios, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row, Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assignments.forms import DateForm
from assignments.models import Secondment
from cadres.forms import FlexibleDateField
from cadres.models import Unit
from guazhi.fields import LONG_TEXT, NOTE, TEXT
from guazhi.filters import SEARCH_MAX_LENGTH
from guazhi.forms import form_helper
from guazhi.uploads import DOCUMENT_EXTENSIONS, validate_document

from .choices import ASPECTS, AppraisalStatus, Grade, RoundKind, grade_choices
from .models import Appraisal, AppraisalRound
from .services import FILED_FIELDS


def _receiving_units():
    return Unit.objects.filter(receives=True).order_by("tier", "name")


def _sending_units():
    return Unit.objects.filter(sends=True).order_by("tier", "name")


class SubsetForm(forms.Form):
    """Which secondments a round takes: all eligible ones, or those of a unit or a batch."""

    receiving_unit = forms.ModelChoiceField(
        label=gettext_lazy("receiving unit"), queryset=Unit.objects.none(), required=False
    )
    sending_unit = forms.ModelChoiceField(
        label=gettext_lazy("sending unit"), queryset=Unit.objects.none(), required=False
    )
    batch = forms.ChoiceField(label=gettext_lazy("batch"), required=False)

    def __init__(self, *args, batches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].queryset = _receiving_units()
        self.fields["sending_unit"].queryset = _sending_units()
        self.fields["batch"].choices = [("", _("All batches"))] + [(b, b) for b in batches]
        for name in ("receiving_unit", "sending_unit"):
            self.fields[name].empty_label = _("All")

    def subset(self) -> dict:
        data = self.cleaned_data
        return {
            "receiving_unit": data.get("receiving_unit"),
            "sending_unit": data.get("sending_unit"),
            "batch": data.get("batch") or "",
        }


class RoundForm(SubsetForm):
    title = forms.CharField(
        label=gettext_lazy("title"),
        max_length=100,
        help_text=gettext_lazy("For example 2026年度考核"),
    )
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=RoundKind.choices)
    period_start = FlexibleDateField(label=gettext_lazy("period from"))
    period_end = FlexibleDateField(label=gettext_lazy("period until"))
    due_date = FlexibleDateField(label=gettext_lazy("due date"))
    note = forms.CharField(
        label=gettext_lazy("note"), max_length=NOTE, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("title"), Column("kind")),
            Row(Column("period_start"), Column("period_end"), Column("due_date")),
            "note",
            Fieldset(
                _("Which secondments"),
                HTML(
                    '<p class="small text-body-secondary">{}</p>'.format(
                        _(
                            "Every cadre in post or under review (for an end-of-term round, under review), "
                            "or only those of the unit or batch chosen here. More can be added later."
                        )
                    )
                ),
                Row(Column("receiving_unit"), Column("sending_unit"), Column("batch")),
            ),
            Submit("submit", _("Open the round")),
        )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if AppraisalRound.objects.filter(title=title).exists():
            raise forms.ValidationError(_("A round called %(title)s already exists.") % {"title": title})
        return title

    def clean(self):
        cleaned = super().clean()
        start, end, due = cleaned.get("period_start"), cleaned.get("period_end"), cleaned.get("due_date")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        if start and due and due < start:
            self.add_error("due_date", _("The due date cannot be before the period starts."))
        return cleaned


class ExtendRoundForm(SubsetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("receiving_unit"), Column("sending_unit"), Column("batch")),
            Submit("submit", _("Add to the round")),
        )


class AppraisalForm(forms.ModelForm):
    """What the receiving unit writes. A draft may be incomplete; a submission may not."""

    class Meta:
        model = Appraisal
        fields = list(FILED_FIELDS)
        widgets = {
            **{aspect: forms.RadioSelect for aspect in ASPECTS},
            **{f"{aspect}_remarks": forms.Textarea(attrs={"rows": 2}) for aspect in ASPECTS},
            "grade": forms.RadioSelect,
            "ungraded_reason": forms.Textarea(attrs={"rows": 2}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "weaknesses": forms.Textarea(attrs={"rows": 3}),
            "hopes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        for aspect in ASPECTS:
            # The model's blank choice would show as a radio button of its own.
            self.fields[aspect].choices = [c for c in self.fields[aspect].choices if c[0]]
            self.fields[f"{aspect}_remarks"].label = _("remarks")
        # The grade set follows the appraisal's kind: 好 / 较好 / 一般 / 较差 for a routine one.
        kind = self.instance.kind if self.instance and self.instance.kind else RoundKind.ANNUAL
        self.fields["grade"].choices = grade_choices(kind)
        self.fields["ungraded_reason"].help_text = _("Required when no grade is given.")
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        aspects = [
            Row(
                Column(InlineRadios(aspect), css_class="col-md-5"),
                Column(f"{aspect}_remarks", css_class="col-md-7"),
                css_class="aspect-row",
            )
            for aspect in ASPECTS
        ]
        self.helper.layout = Layout(
            Fieldset(_("Ratings"), *aspects),
            Fieldset(_("Overall"), InlineRadios("grade"), "ungraded_reason"),
            Fieldset(_("Comments"), "strengths", "weaknesses", "hopes"),
            Div(
                StrictButton(
                    _("Save as draft"),
                    type="submit",
                    name="action",
                    value="draft",
                    css_class="btn-outline-primary",
                ),
                StrictButton(
                    _("Submit"),
                    type="submit",
                    name="action",
                    value="submit",
                    css_class="btn-primary",
                    data_confirm=_("Submit the appraisal? Once submitted your unit can no longer change it."),
                ),
                css_class="d-flex gap-2",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for name in (*ASPECTS, "grade"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Required before submitting."))
        if cleaned.get("grade") == Grade.UNGRADED and not (cleaned.get("ungraded_reason") or "").strip():
            self.add_error("ungraded_reason", _("Give the reason why no grade is given."))
        return cleaned

    def validate_unique(self):
        # The filing services save the row; nothing here makes a new one.
        pass


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reason for returning"),
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The unit sees this reason with the appraisal in its queue."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Return to the unit"))


class SelfSummaryForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("self-summary"),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("Type it in, or upload the signed document below, or both."),
    )
    upload = forms.FileField(
        label=gettext_lazy("self-summary file"),
        required=False,
        validators=[validate_document],
        # No "clear" box: a file on record is replaced, not cleared; a forged clear is ignored.
        widget=forms.FileInput(attrs={"accept": ",".join(DOCUMENT_EXTENSIONS)}),
        help_text=gettext_lazy("PDF, Word, JPEG or PNG."),
    )
    received_on = FlexibleDateField(
        label=gettext_lazy("self-summary received on"), initial=timezone.localdate
    )

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        self.helper = form_helper(_("Save the self-summary"), multipart=True)

    def clean(self):
        cleaned = super().clean()
        empty = not (cleaned.get("text") or "").strip() and not cleaned.get("upload") and not self.has_file
        if empty and "upload" not in self.errors:
            self.add_error("text", _("Type the self-summary or upload it as a file."))
        return cleaned


# No democratic rating has more than a few hundred raters; the bound keeps a typo out of the database.
MAX_RATERS = 9999


class RatingForm(forms.Form):
    raters = forms.IntegerField(label=gettext_lazy("number of raters"), min_value=1, max_value=MAX_RATERS)
    votes_excellent = forms.IntegerField(
        label=gettext_lazy("votes for excellent"), min_value=0, max_value=MAX_RATERS, initial=0
    )
    votes_competent = forms.IntegerField(
        label=gettext_lazy("votes for competent"), min_value=0, max_value=MAX_RATERS, initial=0
    )
    votes_basically_competent = forms.IntegerField(
        label=gettext_lazy("votes for basically competent"), min_value=0, max_value=MAX_RATERS, initial=0
    )
    votes_incompetent = forms.IntegerField(
        label=gettext_lazy("votes for incompetent"), min_value=0, max_value=MAX_RATERS, initial=0
    )
    rated_on = FlexibleDateField(label=gettext_lazy("democratic rating held on"), initial=timezone.localdate)

    VOTES = {
        Grade.EXCELLENT: "votes_excellent",
        Grade.COMPETENT: "votes_competent",
        Grade.BASICALLY_COMPETENT: "votes_basically_competent",
        Grade.INCOMPETENT: "votes_incompetent",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save the democratic rating"))
        self.helper.layout = Layout(
            Row(Column("raters"), Column("rated_on")),
            Row(*(Column(name) for name in self.VOTES.values())),
        )

    def clean(self):
        cleaned = super().clean()
        raters = cleaned.get("raters")
        votes = [cleaned.get(name) for name in self.VOTES.values()]
        if raters is not None and None not in votes and sum(votes) != raters:
            self.add_error(
                "raters",
                _("The votes add up to %(sum)d, but there were %(raters)d raters.")
                % {"sum": sum(votes), "raters": raters},
            )
        return cleaned

    def votes(self) -> dict[str, int]:
        return {grade: self.cleaned_data[name] for grade, name in self.VOTES.items()}


class OpinionForm(forms.Form):
    org_opinion = forms.CharField(
        label=gettext_lazy("organization department's opinion"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    final_grade = forms.ChoiceField(
        label=gettext_lazy("final grade"), choices=grade_choices(RoundKind.TERM_END), widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save the opinion"))
        self.helper.layout = Layout("org_opinion", InlineRadios("final_grade"))


class ArchiveForm(DateForm):
    """The secondment's last day, and why the review is archived with intake or exit steps still open."""

    open_items_reason = forms.CharField(
        label=gettext_lazy("why archive with steps still open"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed only while intake or exit steps are open."),
    )

    def __init__(self, *args, open_steps: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if not open_steps:
            del self.fields["open_items_reason"]


class FormsAskedForForm(forms.Form):
    """Whose 鉴定表 print together (the query of the forms page): a round's, or a batch's."""

    round = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    batch = forms.CharField(required=False, max_length=Secondment._meta.get_field("batch").max_length)


class AppraisalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Search"),
        method="search",
        help_text=gettext_lazy("Name or pinyin"),
        max_length=SEARCH_MAX_LENGTH,
    )
    round = django_filters.ModelChoiceFilter(
        label=gettext_lazy("appraisal round"), queryset=AppraisalRound.objects.order_by("-period_end")
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("status"), choices=AppraisalStatus.choices)
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("receiving unit"), queryset=Unit.objects.none()
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("kind"), choices=RoundKind.choices)

    class Meta:
        model = Appraisal
        fields = ["q", "round", "status", "unit", "kind"]

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = _receiving_units()
        if rounds is None:
            del self.filters["round"]
        else:
            self.filters["round"].queryset = rounds.order_by("-period_end", "-id")

    def search(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        latin = text.replace(" ", "").lower()
        condition = Q(secondment__cadre__name__icontains=text)
        if latin.isascii() and latin.isalpha():
            condition |= Q(secondment__cadre__name_pinyin__contains=latin) | Q(
                secondment__cadre__name_initials__contains=latin
            )
        return queryset.filter(condition)


class OwnSummaryForm(forms.Form):
    """The cadre's 个人总结, written by the cadre in the system."""

    text = forms.CharField(
        label=gettext_lazy("self-summary"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 16})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save my self-summary"))
