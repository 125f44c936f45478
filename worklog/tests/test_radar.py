"""The role-deviation radar (角色偏离), asked of single secondments on the suite's day."""

import datetime

import time_machine

from assignments import services as assignment_services
from assignments.choices import LeaveKind
from assignments.models import Assignment
from conftest import days_ago, local_time
from worklog import radar, services
from worklog.choices import ProjectKind, ProjectRole


def _file(secondment, month, actor):
    return services.file_monthly_record(secondment=secondment, month=month, work_done="调研走访", actor=actor)


def test_a_cadre_without_the_due_months_record_is_overdue_until_it_is_filed(placed_in_a, officer):
    due = radar.month_due(days_ago(0))

    assert radar.signals(placed_in_a).flags[radar.RECORD_OVERDUE]
    _file(placed_in_a, due, officer)
    assert not radar.signals(placed_in_a).flags[radar.RECORD_OVERDUE]


def test_last_months_record_falls_due_after_the_tenth():
    assert radar.month_due(datetime.date(2026, 3, 10)) == datetime.date(2026, 1, 1)
    assert radar.month_due(datetime.date(2026, 3, 11)) == datetime.date(2026, 2, 1)
    assert radar.month_due(datetime.date(2026, 1, 31)) == datetime.date(2025, 12, 1)


def test_a_cadre_who_reported_after_the_due_month_owes_no_record(make_secondment, cadre, post):
    secondment = make_secondment(cadre, "in_post", post=post, start=days_ago(3))

    assert not radar.signals(secondment).flags[radar.RECORD_OVERDUE]


def test_a_post_without_duties_or_a_led_project_is_nominal_after_sixty_days(placed_in_a, officer):
    assignment = Assignment.objects.get(secondment=placed_in_a)
    assert radar.signals(placed_in_a).flags[radar.NOMINAL_POST]

    Assignment.objects.filter(pk=assignment.pk).update(duties="分管招商引资")
    assert radar.signals(placed_in_a).flags[radar.NOMINAL_POST]
    services.add_project(
        secondment=placed_in_a,
        name="产业园建设",
        kind=ProjectKind.CONSTRUCTION,
        role=ProjectRole.TAKES_PART,
        actor=officer,
    )
    assert radar.signals(placed_in_a).flags[radar.NOMINAL_POST]
    services.add_project(
        secondment=placed_in_a,
        name="*药业企业服务协调",
        kind=ProjectKind.INVESTMENT,
        role=ProjectRole.LEADS,
        actor=officer,
    )
    assert not radar.signals(placed_in_a).flags[radar.NOMINAL_POST]


def test_a_new_post_is_not_yet_nominal(make_secondment, cadre, post):
    secondment = make_secondment(cadre, "in_post", post=post, start=days_ago(59))

    assert not radar.signals(secondment).flags[radar.NOMINAL_POST]


def test_a_record_left_without_a_comment_for_thirty_days_shows_the_unit_absent(
    placed_in_a, officer, leader_a
):
    with time_machine.travel(local_time(days_ago(31), 10), tick=False):
        record = _file(placed_in_a, placed_in_a.reported_on.replace(day=1), officer)

    found = radar.signals(placed_in_a)
    assert found.flags[radar.UNREVIEWED] and found.uncommented == 1
    services.comment_record(record=record, comment="工作扎实", actor=leader_a)
    assert not radar.signals(placed_in_a).flags[radar.UNREVIEWED]


def _away(secondment, first: int, last: int, leader):
    leave = assignment_services.request_leave(
        secondment=secondment,
        kind=LeaveKind.PERSONAL,
        start_date=days_ago(first),
        end_date=days_ago(last),
        actor=leader,
    )
    assignment_services.approve_leave(leave=leave, actor=leader)


def test_leave_over_a_fifth_of_the_days_in_the_county_marks_the_cadre_away_often(
    make_secondment, cadre, post, leader_a
):
    secondment = make_secondment(cadre, "in_post", post=post, start=days_ago(49))
    for first in (45, 35, 25):
        _away(secondment, first, first - 2, leader_a)

    found = radar.signals(secondment)
    assert (found.leave_days, found.days_in_county) == (9, 50)
    assert not found.flags[radar.AWAY_OFTEN]
    _away(secondment, 15, 14, leader_a)
    assert radar.signals(secondment).flags[radar.AWAY_OFTEN]


def test_leave_in_the_first_days_is_not_yet_judged(make_secondment, cadre, post, leader_a):
    secondment = make_secondment(cadre, "in_post", post=post, start=days_ago(9))
    _away(secondment, 8, 6, leader_a)

    assert not radar.signals(secondment).flags[radar.AWAY_OFTEN]
