import datetime
import re

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
from guazhi.fields import NOTE, TEXT
from guazhi.filters import SEARCH_MAX_LENGTH, StyledFilterSet
from guazhi.forms import form_helper

from ..choices import ExpectedLevel, PostStatus, SecondmentStatus
from ..models import Post, Secondment
from ..roster import RosterFileError, read_workbook
from ..services.placement import PlanLine
from ..services.secondments import TERM_FIELDS, term_dates_editable


class SecondmentForm(forms.ModelForm):
    """The facts of a term as registered; the register service creates the row."""

    term_start = FlexibleDateField(label=gettext_lazy("term start"))
    term_end = FlexibleDateField(label=gettext_lazy("planned term end"))

    class Meta:
        model = Secondment
        fields = list(TERM_FIELDS)
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
        if not term_dates_editable(self.instance):
            for name in ("term_start", "term_end"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Change the end with “extend the term”.")
        self.helper.form_tag = True
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", _("Save")))

    def validate_unique(self):
        forms.ModelForm.validate_unique(self)


class DateForm(forms.Form):
    """One date for a step (the arrival, a checklist item, a review's feedback or archive), today by default."""

    date = FlexibleDateField(label=gettext_lazy("date"), initial=timezone.localdate)

    def __init__(self, *args, label=None, submit=None, confirm: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["date"].label = label
        self.helper = form_helper(submit or _("Save"), confirm=confirm)


class AssignForm(forms.Form):
    start_date = FlexibleDateField(label=gettext_lazy("in the post from"), initial=timezone.localdate)
    title = forms.CharField(label=gettext_lazy("title held"), max_length=100)
    duties = forms.CharField(
        label=gettext_lazy("duties given"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("The work actually given (分管工作); the post's portfolio by default."),
    )

    def __init__(self, *args, submit=None, confirm: str = "", failed_tests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit or _("Place in this post"), confirm=confirm)
        if failed_tests:
            self.fields["fit_reason"] = forms.CharField(
                label=_("Why place the cadre here all the same"),
                max_length=NOTE,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_(
                    "The post fails %(tests)s. The reason goes on the timeline and stays with the placement."
                )
                % {"tests": "、".join(failed_tests)},
            )


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
        self.helper = form_helper(_("Extend the term"))


class EndEarlyForm(forms.Form):
    end_date = FlexibleDateField(label=gettext_lazy("last day"), initial=timezone.localdate)
    reason = forms.CharField(
        label=gettext_lazy("reason"), max_length=NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
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


class PlanLinesField(forms.Field):
    """The ticked lines of a placement plan, each ``secondment:post`` by id; a line that does not
    read as two ids is kept as None, so it is reported with the others rather than refused whole."""

    widget = forms.MultipleHiddenInput
    LINE = re.compile(r"([0-9]{1,18}):([0-9]{1,18})")

    def to_python(self, value) -> list[tuple[int, int] | None]:
        lines = []
        for text in value or []:
            match = self.LINE.fullmatch(str(text))
            lines.append((int(match[1]), int(match[2])) if match else None)
        return lines


class PlanAcceptForm(forms.Form):
    """Accepting a placement plan: the lines ticked and the day the placements start (today when
    left empty). Each line becomes the secondment and the post it names, among those given, or None."""

    start_date = FlexibleDateField(label=gettext_lazy("in the post from"), required=False)
    line = PlanLinesField(required=False)

    def __init__(self, *args, secondments, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.secondments, self.posts = secondments, posts

    def clean_start_date(self) -> datetime.date:
        return self.cleaned_data["start_date"] or timezone.localdate()

    # What staff may give each line: its 挂任职务, 分管工作 and the reason for a failed test.
    LINE_TEXTS = (
        ("title", forms.CharField(label=gettext_lazy("title held"), max_length=100, required=False)),
        ("duties", forms.CharField(label=gettext_lazy("duties given"), max_length=TEXT, required=False)),
        ("reason", forms.CharField(label=gettext_lazy("reason"), max_length=NOTE, required=False)),
    )

    def _line_texts(self, secondment_id: int, post_id: int) -> dict[str, str]:
        texts = {}
        for name, field in self.LINE_TEXTS:
            try:
                texts[name] = field.clean(self.data.get(f"{name}-{secondment_id}-{post_id}", ""))
            except forms.ValidationError as error:
                raise forms.ValidationError(f"{field.label}：{' '.join(error.messages)}") from error
        return texts

    def clean_line(self) -> list[PlanLine | None]:
        lines = self.cleaned_data["line"]
        named = [line for line in lines if line is not None]
        secondments = self.secondments.select_related("cadre").in_bulk([s for s, _post in named])
        posts = self.posts.select_related("unit").in_bulk([p for _secondment, p in named])
        resolved = []
        for line in lines:
            secondment, post = (secondments.get(line[0]), posts.get(line[1])) if line else (None, None)
            if not (secondment and post):
                resolved.append(None)
                continue
            texts = self._line_texts(secondment.pk, post.pk)
            resolved.append(
                PlanLine(
                    secondment=secondment,
                    post=post,
                    title=texts["title"],
                    duties=texts["duties"],
                    fit_reason=texts["reason"],
                )
            )
        return resolved


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


class RosterUploadForm(forms.Form):
    """A roster workbook to check; the whole file is read here so a bad file is named at once."""

    file = forms.FileField(label=gettext_lazy("Roster workbook (.xlsx, .xls or .ods)"))
    create_units = forms.BooleanField(
        label=gettext_lazy("Create the units and specialties the roster names that are not on file"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "The first sheet is read, its column headers in one of its first ten rows; "
            "at most %(size)s and %(rows)d rows."
        ) % {
            "size": filesizeformat(settings.GUAZHI["IMPORT_MAX_BYTES"]),
            "rows": settings.GUAZHI["IMPORT_MAX_ROWS"],
        }
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.xls,.ods"
        self.helper = form_helper(_("Upload and check"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            read_workbook(upload, name=upload.name)
        except RosterFileError as error:
            raise forms.ValidationError(error.message, code="bad_file") from None
        return upload
