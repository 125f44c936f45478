"""The role-deviation radar (角色偏离) on the dashboard, its lists and the reminders: the right cadre
in each watch, seen by whom the cadre concerns, in a fixed number of queries."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadres import services as cadre_services
from conftest import client_for, day
from oversight.dashboard import unit_rows
from worklog import radar
from worklog.choices import ProjectRole

from .radar_help import file_unread, radar_quiet, take_leave

KEYS = ("record_overdue", "nominal_post", "unreviewed", "away_often")


@pytest.fixture
def county(make_secondment, make_cadre, make_post, unit_b, officer, other_sending_unit):
    """In unit A, sent by the liaison's unit, one cadre for each watch and one the radar leaves alone;
    in unit B, sent by another unit, a cadre who files nothing and leads nothing."""
    people = iter(range(1, 20))

    def placed(unit=None, **fields):
        index = next(people)
        cadre = make_cadre(f"干部{index}", birth_date=datetime.date(1970 + index, 1, 1))
        return make_secondment(
            cadre, "in_post", post=make_post(unit=unit, title=f"岗位{index}"), start=day(-200), **fields
        )

    made = {
        "record_overdue": radar_quiet(placed(), officer, record=False),
        "nominal_post": radar_quiet(placed(), officer, role=ProjectRole.TAKES_PART),
        "unreviewed": radar_quiet(placed(), officer),
        "away_often": radar_quiet(placed(), officer),
        "working": radar_quiet(placed(), officer),
        "elsewhere": placed(unit=unit_b, sending_unit=other_sending_unit),
    }
    file_unread(made["unreviewed"], officer, 45)
    for first in (150, 110, 70, 30):
        take_leave(made["away_often"], officer, first, 11)
    return made


def _counts(client) -> dict[str, int]:
    return {item.watch.key: item.count for item in client.get(reverse("home")).context["watch_counts"]}


def _rows(client, key):
    response = client.get(reverse("oversight:watch_list", args=[key]))
    assert response.status_code == 200
    return response.context["rows"]


def _expected_date(key, secondment) -> datetime.date:
    return {
        "record_overdue": radar.falls_due_on(radar.month_due(day(0))),
        "nominal_post": day(-200) + datetime.timedelta(days=60),
        "unreviewed": day(-45) + datetime.timedelta(days=30),
        "away_often": secondment.reported_on,
    }[key]


@pytest.mark.parametrize("key", KEYS)
def test_each_radar_watch_lists_its_cadre_with_the_date_and_the_days_that_explain_it(county, officer, key):
    expected = {county[key]}
    if key in ("record_overdue", "nominal_post"):
        expected.add(county["elsewhere"])
    rows = _rows(client_for(officer), key)
    assert {row.secondment for row in rows} == expected
    row = next(row for row in rows if row.secondment == county[key])
    date = _expected_date(key, county[key])
    assert (row.date, row.days) == (date, (day(0) - date).days)


def test_the_dashboard_counts_the_radar_and_gives_each_unit_a_column(county, officer):
    assert {key: count for key, count in _counts(client_for(officer)).items() if key in KEYS} == {
        "record_overdue": 2,
        "nominal_post": 2,
        "unreviewed": 1,
        "away_often": 1,
    }
    html = client_for(officer).get(reverse("home")).content.decode()
    for label in ("纪实逾期", "有名无实", "审阅缺位", "离岗偏多"):
        assert label in html
    rows = {row.unit_name: row.counts for row in unit_rows(officer)}
    assert {key: rows["县财政局"][key] for key in KEYS} == dict.fromkeys(KEYS, 1)
    assert {key: rows["青山镇"][key] for key in KEYS} == {
        **dict.fromkeys(KEYS, 0),
        "record_overdue": 1,
        "nominal_post": 1,
    }


def test_the_labels_carry_the_thresholds_of_the_settings(county, officer, settings):
    settings.GUAZHI = {**settings.GUAZHI, "NOMINAL_POST_DAYS": 90, "AWAY_SHARE": 0.25, "WORKLOG_DUE_DAY": 5}
    labels = [item.watch.label for item in client_for(officer).get(reverse("home")).context["watch_counts"]]
    for label in (
        "纪实逾期（次月5日前未报）",
        "有名无实（到岗90天",
        "审阅缺位（纪实超过30天未审阅）",
        "离岗偏多（请假超过在县天数的25%）",
    ):
        assert any(label in text for text in labels), label


def test_a_leader_sees_the_radar_of_their_unit_only(county, leader_a, leader_b):
    assert {key: _counts(client_for(leader_a))[key] for key in KEYS} == dict.fromkeys(KEYS, 1)
    theirs = client_for(leader_b)
    assert {key: _counts(theirs)[key] for key in KEYS} == {
        **dict.fromkeys(KEYS, 0),
        "record_overdue": 1,
        "nominal_post": 1,
    }
    for key in KEYS:
        assert county["record_overdue"] not in {row.secondment for row in _rows(theirs, key)}
    assert [row.secondment for row in _rows(theirs, "record_overdue")] == [county["elsewhere"]]


def test_a_liaison_sees_the_radar_of_the_cadres_their_unit_sent(county, liaison):
    for key in KEYS:
        assert [row.secondment for row in _rows(client_for(liaison), key)] == [county[key]]


def test_the_cadre_s_own_login_shows_my_secondment_and_no_radar(county, officer):
    secondment = county["record_overdue"]
    cadre, _password = cadre_services.give_account(
        cadre=secondment.cadre, username="ganbu1", password="gz-own-login-42", actor=officer
    )
    client = client_for(cadre.account)
    assert "我的挂职" in client.get(reverse("home")).content.decode()
    assert "纪实逾期" not in client.get(secondment.get_absolute_url()).content.decode()
    assert client.get(reverse("oversight:watch_list", args=["record_overdue"])).status_code == 404
    assert "纪实逾期" in client_for(officer).get(secondment.get_absolute_url()).content.decode()


def test_the_reminders_bring_the_radar_to_the_unit_s_leader(county, leader_a, leader_b):
    call_command("send_reminders", stdout=io.StringIO())
    body = next(m for m in mail.outbox if m.to == [leader_a.email]).body
    for label in ("纪实逾期", "有名无实", "审阅缺位", "离岗偏多"):
        assert label in body
    for key in KEYS:
        assert county[key].cadre.name in body
    theirs = next(m for m in mail.outbox if m.to == [leader_b.email]).body
    assert county["elsewhere"].cadre.name in theirs and county["unreviewed"].cadre.name not in theirs


def test_a_filed_record_and_a_led_project_take_the_cadre_off_the_radar(county, officer):
    radar_quiet(county["elsewhere"], officer)
    radar_quiet(county["nominal_post"], officer)
    assert _rows(client_for(officer), "nominal_post") == []
    assert {row.secondment for row in _rows(client_for(officer), "record_overdue")} == {
        county["record_overdue"]
    }


def _busy(make_secondment, make_cadre, make_post, officer, index):
    """A cadre in post with everything the radar reads: records, an unread one, projects and leave."""
    cadre = make_cadre(f"李{index}", birth_date=datetime.date(1960 + index, 1, 1))
    secondment = make_secondment(cadre, "in_post", post=make_post(title=f"职务{index}"), start=day(-200))
    radar_quiet(secondment, officer, role=ProjectRole.TAKES_PART)
    file_unread(secondment, officer, 45)
    take_leave(secondment, officer, 100, 50)
    return secondment


def test_the_dashboard_and_the_radar_lists_run_the_same_queries_for_one_cadre_and_for_twelve(
    officer, make_secondment, make_cadre, make_post
):
    client = client_for(officer)

    def queries():
        counted = []
        for url in [reverse("home"), *(reverse("oversight:watch_list", args=[key]) for key in KEYS)]:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counted.append(len(captured))
        return counted

    _busy(make_secondment, make_cadre, make_post, officer, 0)
    one = queries()
    for index in range(1, 12):
        _busy(make_secondment, make_cadre, make_post, officer, index)
    assert queries() == one
    assert {key: _counts(client)[key] for key in KEYS} == {
        "record_overdue": 0,
        "nominal_post": 12,
        "unreviewed": 12,
        "away_often": 12,
    }
