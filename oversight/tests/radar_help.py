"""Helpers for tests that need the role-deviation radar (角色偏离) quiet, or raised, for a cadre."""

import time_machine
from django.utils import timezone

from assignments import services as assignment_services
from assignments.choices import LeaveKind
from assignments.models import Assignment
from conftest import day, local_time
from worklog import radar, services
from worklog.choices import ProjectKind, ProjectRole
from worklog.selectors import months_to_file


def radar_quiet(secondment, actor, *, record: bool = True, role: str = ProjectRole.LEADS):
    """Duties on the post, a project led and the due month's record filed: nothing for the radar.
    Without the record the cadre is overdue; a project only taken part in leaves the post nominal."""
    Assignment.objects.filter(secondment=secondment, end_date__isnull=True, duties="").update(
        duties="分管招商引资"
    )
    services.add_project(
        secondment=secondment, name="产业园建设", kind=ProjectKind.CONSTRUCTION, role=role, actor=actor
    )
    due = radar.month_due(timezone.localdate())
    if record and due in months_to_file(secondment):
        services.file_monthly_record(secondment=secondment, month=due, work_done="调研走访", actor=actor)
    return secondment


def file_unread(secondment, actor, days_ago: int):
    """A record of the first month of the term, filed that many days ago and never commented on."""
    with time_machine.travel(local_time(day(-days_ago), 10), tick=False):
        return services.file_monthly_record(
            secondment=secondment, month=secondment.reported_on.replace(day=1), work_done="调研", actor=actor
        )


def take_leave(secondment, actor, first: int, days: int):
    """Approved leave from ``first`` days ago, ``days`` long, reported back the day after."""
    leave = assignment_services.request_leave(
        secondment=secondment,
        kind=LeaveKind.PERSONAL,
        start_date=day(-first),
        end_date=day(-first + days - 1),
        actor=actor,
    )
    assignment_services.record_outside_approval(
        leave=leave, approver_name="派出单位", decided_on=day(-first - 1), actor=actor
    )
    assignment_services.report_back(leave=leave, reported_back_on=day(-first + days), actor=actor)
    return leave
