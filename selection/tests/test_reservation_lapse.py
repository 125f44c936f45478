"""A seat reserved for an accepted nominee is held until a day; past it, unreported, the seat is free."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from assignments import services as assignment_services
from assignments.models import Secondment
from assignments.selectors import post_list_queryset
from conftest import day, days_ago, days_ahead, local_time
from guazhi.workflow import TransitionError
from selection import services


def _accept(need, sending_unit, liaison, officer, cadre, **options):
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="懂财政", actor=liaison
    )
    return services.accept_nomination(nomination=nomination, actor=officer, **options).secondment


def _waiting(make_secondment, make_cadre):
    return make_secondment(make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")


def test_by_default_the_seat_is_held_until_thirty_days_after_the_term_start(
    cycle_with_need, sending_unit, liaison, officer, cadre
):
    cycle, need = cycle_with_need
    secondment = _accept(need, sending_unit, liaison, officer, cadre)
    assert secondment.reserved_until == cycle.term_start + datetime.timedelta(days=30)


def test_a_reserved_seat_blocks_another_cadre_until_its_day_and_is_free_once_it_has_passed(
    make_cycle, unit_a, post, sending_unit, liaison, officer, cadre, make_cadre, make_secondment
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], term_start=days_ago(5))
    reserved = _accept(need, sending_unit, liaison, officer, cadre, reserved_until=day(0))
    waiting = _waiting(make_secondment, make_cadre)
    with pytest.raises(TransitionError, match="已满"):
        assignment_services.assign(secondment=waiting, post=post, start_date=day(0), actor=officer)
    with time_machine.travel(local_time(day(1), 10), tick=False):
        assert post_list_queryset(officer).get(pk=post.pk).free_seats == 1
        reserved.refresh_from_db()
        assert reserved.reservation_lapsed
        assignment_services.assign(secondment=waiting, post=post, start_date=day(1), actor=officer)
    waiting.refresh_from_db()
    assert waiting.status == "in_post"


def test_a_cadre_who_reports_after_the_seat_lapsed_does_not_get_it_back(
    make_cycle, unit_a, post, sending_unit, liaison, officer, cadre
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], term_start=days_ago(5))
    reserved = _accept(need, sending_unit, liaison, officer, cadre, reserved_until=day(0))
    with time_machine.travel(local_time(day(1), 10), tick=False):
        assignment_services.report_arrival(secondment=reserved, reported_on=day(1), actor=officer)
        reserved.refresh_from_db()
        assert reserved.reserved_post is None
        assert post_list_queryset(officer).get(pk=post.pk).free_seats == 1


def test_staff_cannot_hold_a_seat_until_a_day_already_past(
    cycle_with_need, sending_unit, liaison, officer, cadre
):
    _cycle, need = cycle_with_need
    with pytest.raises(TransitionError, match="已过"):
        _accept(need, sending_unit, liaison, officer, cadre, reserved_until=days_ago(1))
    assert not need.nominations.filter(status="accepted").exists()


def test_staff_set_the_day_when_accepting_and_the_page_says_when_the_seat_lapsed(
    make_cycle, unit_a, post, sending_unit, liaison, officer, officer_client, cadre
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], term_start=days_ago(5))
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="懂财政", actor=liaison
    )
    officer_client.post(
        reverse("selection:nomination_decide", args=[nomination.pk]),
        {"decision": "accept", "reserved_until": days_ahead(3).isoformat()},
    )
    nomination.refresh_from_db()
    assert nomination.secondment.reserved_until == days_ahead(3)
    page = officer_client.get(need.get_absolute_url()).content.decode()
    assert "名额保留至" in page
    # Days later, the cadre still not reported: the day has passed.
    Secondment.objects.filter(pk=nomination.secondment_id).update(reserved_until=days_ago(1))
    need_page = officer_client.get(need.get_absolute_url()).content.decode()
    secondment_page = officer_client.get(nomination.secondment.get_absolute_url()).content.decode()
    assert "失效：干部未按期报到" in need_page and "失效：干部未按期报到" in secondment_page


def test_a_date_that_is_not_a_date_is_refused_and_nothing_is_accepted(
    cycle_with_need, sending_unit, liaison, officer_client, cadre
):
    _cycle, need = cycle_with_need
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="懂财政", actor=liaison
    )
    officer_client.post(
        reverse("selection:nomination_decide", args=[nomination.pk]),
        {"decision": "accept", "reserved_until": "明天"},
    )
    nomination.refresh_from_db()
    assert nomination.status == "proposed"
