import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadres.forms import FlexibleDateField
from guazhi.fields import NOTE, TEXT
from guazhi.forms import form_helper

from .choices import ProjectKind, ProjectRole
from .models import Project
from .selectors import month_label


class MonthlyRecordForm(forms.Form):
    month = forms.TypedChoiceField(label=gettext_lazy("month"), coerce=datetime.date.fromisoformat)
    work_done = forms.CharField(
        label=gettext_lazy("work done"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )
    projects = forms.ModelMultipleChoiceField(
        label=gettext_lazy("projects led or carried"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Add a project first if it is not listed."),
    )
    problems = forms.CharField(
        label=gettext_lazy("problems met"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_plan = forms.CharField(
        label=gettext_lazy("next month's plan"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, months: list[datetime.date], projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(month.isoformat(), month_label(month)) for month in months]
        self.fields["projects"].queryset = projects
        self.helper = form_helper(_("Save the record"))


class ProjectForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("project name"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=ProjectKind.choices)
    role = forms.ChoiceField(label=gettext_lazy("role"), choices=ProjectRole.choices)
    stage = forms.CharField(label=gettext_lazy("stage"), max_length=100, required=False)
    started_on = FlexibleDateField(label=gettext_lazy("started"), required=False)
    result = forms.CharField(
        label=gettext_lazy("result"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, submit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit or _("Add the project"))


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("review comment"), max_length=NOTE, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save the comment"))
