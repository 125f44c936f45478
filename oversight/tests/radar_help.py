"""Helpers for tests that need the role-deviation radar (角色偏离) quiet, or raised, for a cadre."""

from django.utils import timezone

from assignments.models import Assignment
from worklog import radar, services
from worklog.choices import ProjectKind, ProjectRole
from worklog.selectors import months_to_file


def radar_quiet(secondment, actor):
    """Duties on the post, a project led and the due month's record filed: nothing for the radar."""
    Assignment.objects.filter(secondment=secondment, end_date__isnull=True, duties="").update(
        duties="分管招商引资"
    )
    services.add_project(
        secondment=secondment,
        name="产业园建设",
        kind=ProjectKind.CONSTRUCTION,
        role=ProjectRole.LEADS,
        actor=actor,
    )
    due = radar.month_due(timezone.localdate())
    if due in months_to_file(secondment):
        services.file_monthly_record(secondment=secondment, month=due, work_done="调研走访", actor=actor)
    return secondment
