"""The county report's JSON counts the role-deviation radar (role_deviation) over what its user sees."""

import io
import json

import pytest
import time_machine
from django.core.management import call_command

from assignments import services as assignment_services
from assignments.choices import LeaveKind
from conftest import day, local_time
from oversight.summary import county_summary
from worklog import services

from .radar_help import radar_quiet


@pytest.fixture
def county(make_secondment, make_cadre, make_post, unit_b, officer, leader_a):
    """In unit A: 孙立新 files nothing and holds a nominal post; 周文博 is away often and his unit
    leaves his record unread. In unit B: 吴雅婷, with nothing for the radar."""
    sun = make_secondment(make_cadre("孙立新"), "in_post", post=make_post(title="副局长"), start=day(-200))
    zhou = radar_quiet(
        make_secondment(make_cadre("周文博"), "in_post", post=make_post(title="局长助理"), start=day(-200)),
        officer,
    )
    wu = radar_quiet(
        make_secondment(make_cadre("吴雅婷"), "in_post", post=make_post(unit=unit_b), start=day(-200)),
        officer,
    )
    for first in (150, 120, 90, 60, 30):
        leave = assignment_services.request_leave(
            secondment=zhou,
            kind=LeaveKind.PERSONAL,
            start_date=day(-first),
            end_date=day(-first + 8),
            actor=officer,
        )
        assignment_services.record_outside_approval(
            leave=leave, approver_name="派出单位", decided_on=day(-first - 1), actor=officer
        )
        assignment_services.report_back(leave=leave, reported_back_on=day(-first + 9), actor=officer)
    with time_machine.travel(local_time(day(-40), 10), tick=False):
        services.file_monthly_record(
            secondment=zhou, month=zhou.reported_on.replace(day=1), work_done="调研", actor=officer
        )
    return {"孙立新": sun, "周文博": zhou, "吴雅婷": wu}


EVERYONE = {"record_overdue": 1, "nominal_post": 1, "unreviewed": 1, "away_often": 1}


def _json() -> dict:
    out = io.StringIO()
    call_command("summary_report", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_summary_report_json_counts_each_radar_watch_over_the_county(county):
    assert _json()["role_deviation"] == EVERYONE


def test_the_radar_counts_leave_the_other_figures_of_the_contract_as_they_were(county):
    data = _json()
    assert {"since", "received", "serving", "placements", "talks", "tables", "selection"} <= set(data)
    assert data["serving"]["count"] == 3


def test_the_summary_of_a_leader_counts_only_their_unit_s_cadres(county, leader_a, leader_b):
    assert county_summary(leader_a).as_contract()["role_deviation"] == EVERYONE
    assert county_summary(leader_b).as_contract()["role_deviation"] == dict.fromkeys(EVERYONE, 0)


def test_the_page_s_figures_are_the_command_s_for_staff(county, officer):
    assert county_summary(officer).as_contract()["role_deviation"] == _json()["role_deviation"]


def test_a_cadre_who_files_and_leads_drops_out_of_the_counts(county, officer):
    radar_quiet(county["孙立新"], officer)
    assert _json()["role_deviation"] == {**EVERYONE, "record_overdue": 0, "nominal_post": 0}


def test_the_share_of_leave_is_a_setting(county, settings):
    settings.GUAZHI = {**settings.GUAZHI, "AWAY_SHARE": 0.5}
    assert _json()["role_deviation"]["away_often"] == 0
