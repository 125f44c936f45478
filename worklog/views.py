"""The work record pages: a term's monthly records and projects, filing, adding a project, commenting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from assignments.views.common import visible_secondment
from guazhi.access import deny, get_visible_or_404
from guazhi.forms import show_refusal
from guazhi.workflow import TransitionError, run_step

from . import services
from .forms import CommentForm, MonthlyRecordForm, ProjectForm
from .models import Project
from .selectors import may_comment, may_file, months_to_file, projects_visible_to, records_visible_to

URL_LIST = "worklog:record_list"


@login_required
def record_list(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    records = (
        records_visible_to(request.user)
        .filter(secondment=secondment)
        .select_related("filed_by", "commented_by")
        .prefetch_related(Prefetch("projects", queryset=Project.objects.order_by("id")))
        .order_by("-month")
    )
    return render(
        request,
        "worklog/record_list.html",
        {
            "secondment": secondment,
            "records": records,
            "projects": projects_visible_to(request.user)
            .filter(secondment=secondment)
            .order_by("started_on", "id"),
            "can_file": may_file(request.user, secondment),
            "can_comment": may_comment(request.user, secondment),
        },
    )


def _step(request, secondment, form, title: str) -> HttpResponse:
    return render(request, "worklog/step.html", {"secondment": secondment, "form": form, "title": title})


@login_required
def record_file(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    if not may_file(request.user, secondment):
        deny(_("The cadre files their own work record; staff may file it on their behalf."))
    form = MonthlyRecordForm(
        request.POST or None,
        months=months_to_file(secondment),
        projects=projects_visible_to(request.user).filter(secondment=secondment),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.file_monthly_record(secondment=secondment, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The monthly record is saved."))
            return redirect(URL_LIST, pk=secondment.pk)
    return _step(request, secondment, form, _("File a monthly record"))


PROJECT_FIELDS = ("name", "kind", "role", "stage", "started_on", "result")


def _project_page(request: HttpRequest, pk: int, project_pk: int | None = None) -> HttpResponse:
    """Add a project, or bring one up to date: the same form, the same checks."""
    secondment = visible_secondment(request, pk)
    project = None
    if project_pk is not None:
        project = get_visible_or_404(
            projects_visible_to(request.user).filter(secondment=secondment), pk=project_pk
        )
    if not may_file(request.user, secondment):
        deny(_("The cadre files their own work record; staff may file it on their behalf."))
    if project is None:
        form = ProjectForm(request.POST or None)
        title, done = _("Add a project"), _("The project is added.")
    else:
        initial = {name: getattr(project, name) for name in PROJECT_FIELDS}
        form = ProjectForm(request.POST or None, initial=initial, submit=_("Save the project"))
        title, done = _("Update the project"), _("The project is saved.")
    if request.method == "POST" and form.is_valid():
        try:
            if project is None:
                services.add_project(secondment=secondment, actor=request.user, **form.cleaned_data)
            else:
                services.update_project(project=project, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, done)
            return redirect(URL_LIST, pk=secondment.pk)
    return _step(request, secondment, form, title)


@login_required
def project_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _project_page(request, pk)


@login_required
def project_edit(request: HttpRequest, pk: int, project_pk: int) -> HttpResponse:
    return _project_page(request, pk, project_pk)


@login_required
def record_comment(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    record = get_visible_or_404(records_visible_to(request.user).filter(secondment=secondment), pk=record_pk)
    if not may_comment(request.user, secondment):
        deny(_("The receiving unit's leaders comment on the work record."))
    form = CommentForm(request.POST or None, initial={"comment": record.comment})
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.comment_record(
                record=record, comment=form.cleaned_data["comment"], actor=request.user
            ),
            _("The comment is saved."),
            reverse(URL_LIST, args=[secondment.pk]),
        )
        if done:
            return done
    return _step(request, secondment, form, _("Comment on the monthly record"))
