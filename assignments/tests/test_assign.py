import calendar
import datetime

import pytest

from assignments import services
from assignments.choices import SecondmentStatus
from assignments.models import Assignment
from conftest import TERM_START, TODAY, days_ahead, months_ahead
from guazhi.dates import add_months
from guazhi.workflow import TransitionError

# The builders' terms start here, and their cadres report on the first day.
START = TERM_START


def test_placing_a_waiting_cadre_puts_them_in_post_in_the_post_s_unit(
    make_secondment, cadre, post, officer, unit_a
):
    secondment = make_secondment(cadre, "awaiting_post")
    assignment = services.assign(secondment=secondment, post=post, start_date=START, actor=officer)
    secondment.refresh_from_db()
    assert secondment.status == SecondmentStatus.IN_POST
    assert secondment.current_unit == unit_a
    assert assignment.title == post.title
    assert "县财政局" in secondment.events.first().note


def test_a_full_post_refuses_another_cadre(make_secondment, make_cadre, post, officer):
    make_secondment(make_cadre("张一"), "in_post", post=post)
    waiting = make_secondment(make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")
    with pytest.raises(TransitionError, match="已满"):
        services.assign(secondment=waiting, post=post, start_date=START, actor=officer)
    waiting.refresh_from_db()
    assert waiting.status == SecondmentStatus.AWAITING_POST
    assert Assignment.objects.filter(post=post).count() == 1


def test_a_post_with_two_seats_takes_two_cadres(make_secondment, make_cadre, make_post, officer):
    post = make_post(quota=2)
    make_secondment(make_cadre("张一"), "in_post", post=post)
    make_secondment(make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "in_post", post=post)
    assert post.assignments.filter(end_date__isnull=True).count() == 2


def test_a_withdrawn_post_refuses_placements(make_secondment, cadre, post, officer):
    services.withdraw_post(post=post, actor=officer)
    secondment = make_secondment(cadre, "awaiting_post")
    with pytest.raises(TransitionError, match="撤回"):
        services.assign(secondment=secondment, post=post, start_date=START, actor=officer)


def test_a_post_cannot_start_before_the_cadre_reported(make_secondment, cadre, post, officer):
    secondment = make_secondment(cadre, "awaiting_post")
    with pytest.raises(TransitionError):
        services.assign(
            secondment=secondment, post=post, start_date=START - datetime.timedelta(days=1), actor=officer
        )


def test_moving_a_cadre_ends_the_old_post_the_day_before_and_frees_its_seat(
    make_secondment, cadre, make_post, officer, unit_b
):
    first = make_post()
    second = make_post(unit=unit_b, title="副镇长")
    secondment = make_secondment(cadre, "in_post", post=first)
    moved_on = add_months(START, 6)
    services.reassign(secondment=secondment, post=second, start_date=moved_on, actor=officer)
    old, new = secondment.assignments.order_by("start_date")
    assert old.end_date == moved_on - datetime.timedelta(days=1)
    assert new.end_date is None and new.post == second
    secondment.refresh_from_db()
    assert secondment.current_unit == unit_b
    assert not first.assignments.filter(end_date__isnull=True).exists()


def test_ending_early_needs_a_reason_and_closes_the_post(make_secondment, cadre, post, officer):
    secondment = make_secondment(cadre, "in_post", post=post)
    ended_on = add_months(START, 2)
    with pytest.raises(TransitionError):
        services.end_early(secondment=secondment, end_date=ended_on, reason=" ", actor=officer)
    services.end_early(secondment=secondment, end_date=ended_on, reason="原单位召回", actor=officer)
    secondment.refresh_from_db()
    assert secondment.status == SecondmentStatus.ENDED_EARLY
    assert secondment.actual_end == ended_on
    assert secondment.assignments.get().end_date == ended_on


def test_the_end_of_term_review_is_offered_from_ninety_days_before_the_end(
    make_secondment, cadre, post, officer
):
    secondment = make_secondment(cadre, "in_post", post=post)
    too_early = secondment.term_end - datetime.timedelta(days=91)
    with pytest.raises(TransitionError, match="起"):
        services.start_review(secondment=secondment, actor=officer, today=too_early)
    services.start_review(secondment=secondment, actor=officer, today=too_early + datetime.timedelta(days=1))
    secondment.refresh_from_db()
    assert secondment.status == SecondmentStatus.UNDER_REVIEW


def test_extending_needs_a_later_end(make_secondment, cadre, post, officer):
    secondment = make_secondment(cadre, "in_post", post=post)
    with pytest.raises(TransitionError):
        services.extend_term(secondment=secondment, new_end=secondment.term_end, actor=officer)


def test_a_cadre_cannot_have_two_open_secondments(make_secondment, cadre, sending_unit, officer):
    make_secondment(cadre, "expected")
    with pytest.raises(TransitionError, match="尚未结束"):
        services.register_secondment(
            cadre=cadre,
            sending_unit=sending_unit,
            term_start=days_ahead(30),
            term_end=months_ahead(25),
            actor=officer,
        )


def test_reporting_starts_the_intake_checklist_with_due_dates(make_secondment, cadre, officer):
    secondment = make_secondment(cadre, "awaiting_post")
    entries = {e.item.name: e for e in secondment.checklist.select_related("item")}
    assert "介绍信" in entries and "制定培养计划" in entries
    assert entries["制定培养计划"].due_on == START + datetime.timedelta(days=30)
    services.complete_checklist_entry(entry=entries["介绍信"], done_on=START, actor=officer)
    entries["介绍信"].refresh_from_db()
    assert entries["介绍信"].done_by == officer
    with pytest.raises(TransitionError):
        services.complete_checklist_entry(entry=entries["介绍信"], done_on=START, actor=officer)


def test_a_held_post_cannot_be_withdrawn(placed_in_a, post, officer):
    with pytest.raises(TransitionError):
        services.withdraw_post(post=post, actor=officer)


def test_a_term_from_29_february_runs_to_28_february_two_years_on_and_is_past_its_end_on_1_march(
    make_secondment, cadre, post, officer
):
    from oversight.watch import watch_queryset

    leap_day = max(
        datetime.date(year, 2, 29)
        for year in range(TODAY.year - 4, TODAY.year + 1)
        if calendar.isleap(year) and datetime.date(year, 2, 29) <= TODAY
    )
    secondment = make_secondment(cadre, "in_post", post=post, start=leap_day)
    end = secondment.term_end
    assert end == datetime.date(leap_day.year + 2, 2, 28)
    assert secondment in watch_queryset(officer, "ending_30", end)
    assert secondment not in watch_queryset(officer, "past_end", end)
    assert secondment in watch_queryset(officer, "past_end", datetime.date(end.year, 3, 1))
    with pytest.raises(TransitionError):
        services.start_review(secondment=secondment, actor=officer, today=end - datetime.timedelta(days=91))
    services.start_review(secondment=secondment, actor=officer, today=end - datetime.timedelta(days=90))
