"""The watches behind the dashboard and the reminders: the right cadre in each, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments import services
from assignments.choices import LeaveKind, TalkerRole, TalkKind
from conftest import client_for, day
from living.tests.builders import housed
from oversight.dashboard import unit_rows
from oversight.watch import watch_counts, watch_flags, watch_queryset, watches
from worklog import radar

from .radar_help import radar_quiet


def talk(secondment, actor, when, **fields):
    return services.record_talk(
        secondment=secondment,
        date=when,
        kind=TalkKind.ROUTINE,
        talker="王局长",
        talker_role=TalkerRole.RECEIVING_LEADER,
        actor=actor,
        **fields,
    )


def cared_for(secondment, actor):
    """A talk today, a mentor, a plan, housing, and work the radar reads: nothing to watch."""
    talk(secondment, actor, day(0))
    housed(secondment, actor)
    services.name_mentor(secondment=secondment, mentor="刘强", named_on=day(0), actor=actor)
    services.file_training_plan(secondment=secondment, text="计划", filed_on=day(0), actor=actor)
    return radar_quiet(secondment, actor)


@pytest.fixture
def county(db, make_secondment, make_cadre, make_post, unit_b, officer, other_sending_unit):
    """One secondment for each watch, named by the watch it belongs to."""
    people = iter(range(1, 40))

    def person():
        index = next(people)
        return make_cadre(f"干部{index}", birth_date=datetime.date(1970 + index, 1, 1))

    def placed(unit=None, start=-200, **fields):
        return make_secondment(person(), "in_post", post=make_post(unit=unit), start=day(start), **fields)

    made = {
        "waiting": make_secondment(person(), "awaiting_post", start=day(-30)),
        "waiting_briefly": make_secondment(person(), "awaiting_post", start=day(-3)),
        "neglected": placed(),
        "cared_for": cared_for(placed(unit=unit_b, sending_unit=other_sending_unit), officer),
        "ending_soon": cared_for(placed(start=-700, term_end=day(20)), officer),
        "ending_later": cared_for(placed(start=-700, term_end=day(60)), officer),
        "past_end": cared_for(placed(start=-400, term_end=day(-5)), officer),
        "not_back": cared_for(placed(), officer),
        "follow_up": cared_for(placed(), officer),
        "pending": cared_for(placed(), officer),
    }
    leave = services.request_leave(
        secondment=made["not_back"],
        kind=LeaveKind.PERSONAL,
        start_date=day(-9),
        end_date=day(-7),
        actor=officer,
    )
    services.approve_leave(leave=leave, actor=officer)
    talk(made["follow_up"], officer, day(-20), follow_up="解决住房", follow_up_due=day(-1))
    services.request_leave(
        secondment=made["pending"], kind=LeaveKind.SICK, start_date=day(2), end_date=day(3), actor=officer
    )
    return made


EXPECTED = {
    "waiting": {"waiting"},
    "no_talk": {"neglected"},
    "no_mentor": {"neglected"},
    "no_plan": {"neglected"},
    "follow_up": {"follow_up"},
    "leave_not_back": {"not_back"},
    "past_end": {"past_end"},
    "ending_90": {"ending_soon", "ending_later"},
    "ending_30": {"ending_soon"},
    "leave_pending": {"pending"},
    # Appraisals are the evaluations app's (evaluations/tests/test_overdue_watch.py); this county has none.
    "appraisal_overdue": set(),
    # Feedback letters are tested in oversight/tests/test_feedback_letter_watch.py; this county has none.
    "letter_unacknowledged": set(),
    # Reserved seats (按需选派) are tested in oversight/tests/test_selection_watch.py; this county has none.
    "seat_not_taken": set(),
    # Reported more than a week ago without housing on file (生活未落实); living/tests test it closely.
    "no_housing": {"neglected", "waiting"},
    # The role-deviation radar (oversight/tests/test_radar_watches.py): the neglected cadre files
    # nothing and has neither duties nor a project.
    "record_overdue": {"neglected"},
    "nominal_post": {"neglected"},
    "unreviewed": set(),
    "away_often": set(),
}


def names_in(user, key, county):
    found = set(watch_queryset(user, key))
    return {name for name, secondment in county.items() if secondment in found}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_watch_holds_exactly_the_cadre_it_is_about(county, officer, key):
    assert names_in(officer, key, county) == EXPECTED[key]


def test_the_counts_agree_with_the_lists(county, officer):
    assert {item.watch.key: item.count for item in watch_counts(officer)} == {
        key: len(names) for key, names in EXPECTED.items()
    }


def test_every_watch_is_tested():
    assert {watch.key for watch in watches()} == set(EXPECTED)


def test_a_secondment_page_names_the_watches_it_is_in(county, officer):
    assert {watch.key for watch in watch_flags(officer, county["neglected"])} == {
        "no_talk",
        "no_mentor",
        "no_plan",
        "no_housing",
        "record_overdue",
        "nominal_post",
    }
    assert watch_flags(officer, county["cared_for"]) == []


def test_a_leader_sees_only_their_unit_and_a_liaison_only_the_cadres_their_unit_sent(
    county, leader_a, leader_b, liaison
):
    counts_b = {item.watch.key: item.count for item in watch_counts(leader_b)}
    assert sum(counts_b.values()) == 0  # unit B's only cadre is cared for
    assert [row.unit_name for row in unit_rows(leader_b)] == ["青山镇"]
    assert names_in(leader_a, "no_talk", county) == {"neglected"}
    assert names_in(leader_a, "waiting", county) == set()  # not placed: no unit's leader sees them
    assert names_in(liaison, "waiting", county) == {"waiting"}  # the sending side sees its own
    assert "cared_for" not in {name for key in EXPECTED for name in names_in(liaison, key, county)}


def test_a_leader_is_asked_to_decide_only_the_leave_of_their_tier(county, leader_a, liaison, officer):
    assert names_in(leader_a, "leave_pending", county) == {"pending"}
    assert names_in(liaison, "leave_pending", county) == set()
    services.request_leave(
        secondment=county["neglected"],
        kind=LeaveKind.ANNUAL,
        start_date=day(5),
        end_date=day(20),
        actor=officer,
    )
    assert names_in(liaison, "leave_pending", county) == {"neglected"}
    assert names_in(leader_a, "leave_pending", county) == {"pending"}


def test_the_unit_that_neglects_its_cadres_comes_first(county, officer):
    rows = unit_rows(officer)
    assert rows[0].unit_name == "县财政局"
    assert rows[0].counts["no_talk"] == 1
    # Six for the neglected cadre (four, and two of the radar), a follow-up, a leave, a term.
    assert rows[0].open_items == 9
    not_placed = next(row for row in rows if row.unit_id is None)
    assert (not_placed.cadres, not_placed.counts["waiting"]) == (2, 1)
    assert next(row for row in rows if row.unit_name == "青山镇").open_items == 0


def test_ended_secondments_are_not_watched(county, officer):
    services.end_early(secondment=county["neglected"], end_date=day(0), reason="召回", actor=officer)
    assert names_in(officer, "no_talk", county) == set()


def test_the_thresholds_are_settings(county, officer, settings):
    settings.GUAZHI = {**settings.GUAZHI, "WAITING_FOR_POST_DAYS": 2, "TERM_ENDING_SOON_DAYS": [10]}
    assert names_in(officer, "waiting", county) == {"waiting", "waiting_briefly"}
    assert [watch.key for watch in watches() if watch.key.startswith("ending_")] == ["ending_10"]


def _add_neglected(make_secondment, make_cadre, make_post, index):
    cadre = make_cadre(f"张{index}", birth_date=datetime.date(1960 + index, 1, 1))
    return make_secondment(cadre, "in_post", post=make_post(title=f"岗位{index}"), start=day(-200))


def test_the_counts_take_one_query_and_the_unit_rows_two_whatever_the_number(
    officer, make_secondment, make_cadre, make_post
):
    watch_counts(officer)  # the permission cache is filled once per request

    def queries(function):
        with CaptureQueriesContext(connection) as captured:
            function(officer)
        return len(captured)

    # The unit rows: the grouped counts, then the names of the units found.
    _add_neglected(make_secondment, make_cadre, make_post, 0)
    assert (queries(watch_counts), queries(unit_rows)) == (1, 2)
    for index in range(1, 20):
        _add_neglected(make_secondment, make_cadre, make_post, index)
    assert (queries(watch_counts), queries(unit_rows)) == (1, 2)
    assert {item.watch.key: item.count for item in watch_counts(officer)}["no_talk"] == 20


def test_the_watch_list_runs_the_same_queries_for_one_row_and_for_twenty(
    officer_client, make_secondment, make_cadre, make_post
):
    url = reverse("oversight:watch_list", args=["no_talk"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = officer_client.get(url)
        assert response.status_code == 200
        return len(captured), len(response.context["rows"])

    _add_neglected(make_secondment, make_cadre, make_post, 0)
    one, rows = queries()
    assert rows == 1
    for index in range(1, 20):
        _add_neglected(make_secondment, make_cadre, make_post, index)
    assert queries() == (one, 20)


def test_the_watch_list_shows_the_date_and_days_that_explain_it(county, officer_client):
    response = officer_client.get(reverse("oversight:watch_list", args=["leave_not_back"]))
    (row,) = response.context["rows"]
    assert (row.secondment, row.date, row.days) == (county["not_back"], day(-6), 6)
    assert "应销假日期" in response.content.decode()


def test_the_watch_list_filters_by_receiving_unit(county, officer_client, unit_a):
    url = reverse("oversight:watch_list", args=["waiting"])
    assert len(officer_client.get(url, {"unit": "none"}).context["rows"]) == 1
    assert officer_client.get(url, {"unit": unit_a.pk}).context["rows"] == []


def test_the_watch_list_unit_filter_is_a_styled_select_offering_the_units_hosting_cadres(
    county, officer_client, unit_a
):
    html = officer_client.get(reverse("oversight:watch_list", args=["waiting"])).content.decode()
    assert '<select name="unit" class="form-select"' in html
    assert f'<option value="{unit_a.pk}">{unit_a.name}</option>' in html
    assert '<option value="none">尚未安排岗位</option>' in html


def test_an_unknown_watch_is_404(officer_client):
    assert officer_client.get(reverse("oversight:watch_list", args=["nothing"])).status_code == 404


def test_a_user_without_a_unit_sees_empty_lists(db, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x-pass-9876")
    response = client_for(nobody).get(reverse("oversight:watch_list", args=["no_talk"]))
    assert response.status_code == 200 and response.context["rows"] == []


def _watched(officer, secondment) -> set[str]:
    """The watches other than the role-deviation radar's (oversight/tests/test_radar_watches.py)."""
    return {watch.key for watch in watch_flags(officer, secondment) if watch.key not in radar.KEYS}


@pytest.mark.parametrize(
    ("ends_in", "watched"),
    [
        pytest.param(-1, {"past_end"}, id="ended yesterday"),
        pytest.param(0, {"ending_30", "ending_90"}, id="ends today"),
        pytest.param(30, {"ending_30", "ending_90"}, id="ends in 30 days"),
        pytest.param(31, {"ending_90"}, id="ends in 31 days"),
        pytest.param(90, {"ending_90"}, id="ends in 90 days"),
        pytest.param(91, set(), id="ends in 91 days"),
    ],
)
def test_a_term_is_in_each_ending_window_up_to_its_last_day_and_past_its_end_the_day_after(
    officer, make_secondment, cadre, post, ends_in, watched
):
    secondment = make_secondment(cadre, "in_post", post=post, start=day(-700), term_end=day(ends_in))
    assert _watched(officer, cared_for(secondment, officer)) == watched


@pytest.mark.parametrize(("reported", "watched"), [(-14, set()), (-15, {"waiting"})])
def test_a_wait_is_watched_from_the_day_after_its_fourteenth(
    officer, make_secondment, cadre, reported, watched
):
    secondment = housed(make_secondment(cadre, "awaiting_post", start=day(reported)), officer)
    assert _watched(officer, secondment) == watched


@pytest.mark.parametrize(("last_talk", "watched"), [(-90, set()), (-91, {"no_talk"})])
def test_no_talk_is_watched_from_the_ninety_first_day(
    officer, make_secondment, cadre, post, last_talk, watched
):
    secondment = make_secondment(cadre, "in_post", post=post, start=day(-200))
    services.name_mentor(secondment=secondment, mentor="刘强", named_on=day(-190), actor=officer)
    services.file_training_plan(secondment=secondment, text="计划", filed_on=day(-190), actor=officer)
    talk(secondment, officer, day(last_talk))
    housed(secondment, officer)
    assert _watched(officer, secondment) == watched


@pytest.mark.parametrize(("reported", "watched"), [(-30, set()), (-31, {"no_mentor", "no_plan"})])
def test_the_mentor_and_the_plan_are_watched_from_the_thirty_first_day_after_reporting(
    officer, make_secondment, cadre, post, reported, watched
):
    secondment = make_secondment(cadre, "in_post", post=post, start=day(reported))
    talk(secondment, officer, day(0))
    housed(secondment, officer)
    assert _watched(officer, secondment) == watched
