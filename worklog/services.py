"""Every write of the work record (工作纪实): monthly records, projects, comments.

Keyword-only arguments, one transaction each, the secondment or record read again under a row lock,
history under the user who acted; a refused step is a ``TransitionError`` in Chinese.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.choices import IN_COUNTY_STATUSES
from assignments.models import Secondment
from guazhi.access import is_org_staff
from guazhi.workflow import TransitionError, acting_user

from .models import MonthlyRecord, Project
from .selectors import month_label, months_to_file


def _lock(secondment: Secondment) -> Secondment:
    secondment = Secondment.objects.select_for_update().select_related("cadre").get(pk=secondment.pk)
    if secondment.status not in IN_COUNTY_STATUSES:
        raise TransitionError(
            _(
                "The work record is kept while the cadre is in the county; %(name)s's secondment is %(status)s."
            )
            % {"name": secondment.cadre.name, "status": secondment.get_status_display()}
        )
    return secondment


def _recorded_as(obj, actor):
    obj._history_user = acting_user(actor)
    return obj


def _check_project(name: str, started_on: datetime.date | None) -> None:
    if not name.strip():
        raise TransitionError(_("Name the project."), fields={"name": _("Name the project.")})
    if started_on is not None and started_on > timezone.localdate():
        refusal = _("A project cannot have started in the future.")
        raise TransitionError(refusal, fields={"started_on": refusal})


def _fill_project(project: Project, **fields) -> Project:
    for name in ("name", "stage", "result"):
        fields[name] = fields[name].strip()
    for name, value in fields.items():
        setattr(project, name, value)
    return project


@transaction.atomic
def add_project(
    *,
    secondment: Secondment,
    name: str,
    kind: str,
    role: str,
    actor,
    stage: str = "",
    started_on: datetime.date | None = None,
    result: str = "",
) -> Project:
    """Add a project the cadre leads, carries or takes part in."""
    secondment = _lock(secondment)
    _check_project(name, started_on)
    project = _fill_project(
        Project(secondment=secondment),
        name=name,
        kind=kind,
        role=role,
        stage=stage,
        started_on=started_on,
        result=result,
    )
    _recorded_as(project, actor).save()
    return project


@transaction.atomic
def update_project(*, project: Project, actor, **fields) -> Project:
    """Bring a project up to date as it moves on (its stage and result), or correct it, while the
    cadre is in the county; the history keeps what it said before. Takes add_project's fields."""
    _lock(project.secondment)
    project = Project.objects.select_for_update().get(pk=project.pk)
    fields = {"stage": "", "started_on": None, "result": "", **fields}
    _check_project(fields["name"], fields["started_on"])
    _recorded_as(_fill_project(project, **fields), actor).save()
    return project


@transaction.atomic
def file_monthly_record(
    *,
    secondment: Secondment,
    month: datetime.date,
    work_done: str,
    actor,
    projects: Iterable[Project] = (),
    problems: str = "",
    next_plan: str = "",
) -> MonthlyRecord:
    """File (or, until it is commented, correct) a month's record. Staff filing it are marked as
    filing on the cadre's behalf (代为录入)."""
    secondment = _lock(secondment)
    month = month.replace(day=1)
    if month not in months_to_file(secondment):
        refusal = _("%(month)s is not a month of the term so far.") % {"month": month_label(month)}
        raise TransitionError(refusal, fields={"month": refusal})
    if not work_done.strip():
        raise TransitionError(_("Write the work done."), fields={"work_done": _("Write the work done.")})
    projects = list(projects)
    if any(project.secondment_id != secondment.pk for project in projects):
        raise TransitionError(_("A project of another term cannot be named here."))
    record = MonthlyRecord.objects.select_for_update().filter(secondment=secondment, month=month).first()
    if record is not None and record.commented_at is not None:
        raise TransitionError(
            _("The record of %(month)s has been commented on and can no longer be changed.")
            % {"month": month_label(month)}
        )
    record = _recorded_as(record or MonthlyRecord(secondment=secondment, month=month), actor)
    record.work_done = work_done.strip()
    record.problems = problems.strip()
    record.next_plan = next_plan.strip()
    record.filed_by = acting_user(actor)
    record.on_behalf = is_org_staff(actor)
    record.filed_at = timezone.now()
    record.save()
    record.projects.set(projects)
    return record


@transaction.atomic
def comment_record(*, record: MonthlyRecord, comment: str, actor) -> MonthlyRecord:
    """The receiving side's comment on a month's record (审阅意见)."""
    record = _recorded_as(MonthlyRecord.objects.select_for_update().get(pk=record.pk), actor)
    if not comment.strip():
        raise TransitionError(_("Write the comment."), fields={"comment": _("Write the comment.")})
    record.comment = comment.strip()
    record.commented_by = acting_user(actor)
    record.commented_at = timezone.now()
    record.save(update_fields=["comment", "commented_by", "commented_at"])
    return record
