"""From a published need to an accepted nominee: the secondment expected, the seat reserved."""

import datetime

import pytest

from assignments import services as assignment_services
from assignments.choices import SecondmentStatus
from assignments.selectors import post_list_queryset
from conftest import days_ago, make_id_number
from guazhi.workflow import TransitionError
from selection import services
from selection.choices import NominationStatus


def _nominate(need, unit, actor, cadre):
    return services.nominate(need=need, sending_unit=unit, cadre=cadre, reason="熟悉财政业务", actor=actor)


def test_a_need_in_the_county_finance_bureau_is_marked_economic_by_default(make_cycle, unit_a, unit_b, post):
    _cycle, (finance, town) = make_cycle(
        needs=[{"unit": unit_a, "post": post}, {"unit": unit_b, "new_post_title": "副镇长"}]
    )
    assert finance.economic and not town.economic


def test_a_need_must_name_an_existing_post_or_one_to_be_created(make_cycle, unit_a):
    with pytest.raises(TransitionError, match="待新设"):
        make_cycle(needs=[{"unit": unit_a}])


def test_a_draft_cycle_takes_no_nominations(make_cycle, unit_a, post, sending_unit, liaison, cadre):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], publish=False)
    with pytest.raises(TransitionError):
        _nominate(need, sending_unit, liaison, cadre)


def test_a_unit_the_cycle_is_not_addressed_to_cannot_nominate(
    make_cycle, unit_a, post, sending_unit, other_sending_unit, liaison, make_cadre
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], units=[sending_unit])
    outsider = make_cadre("钱七", home_unit=other_sending_unit)
    with pytest.raises(TransitionError):
        _nominate(need, other_sending_unit, liaison, outsider)


def test_a_liaison_cannot_nominate_another_units_cadre(
    cycle_with_need, sending_unit, other_sending_unit, liaison, make_cadre
):
    _cycle, need = cycle_with_need
    with pytest.raises(TransitionError):
        _nominate(need, sending_unit, liaison, make_cadre("钱七", home_unit=other_sending_unit))


def test_a_new_cadre_nominated_is_checked_like_any_other(cycle_with_need, sending_unit, liaison, cadre):
    _cycle, need = cycle_with_need
    facts = {
        "name": "孙八",
        "gender": "male",
        "birth_date": datetime.date(1985, 1, 2),
        "political_status": "01",
        "id_number": cadre.id_number,
    }
    with pytest.raises(TransitionError):
        services.nominate(
            need=need, sending_unit=sending_unit, new_cadre=facts, reason="懂财政", actor=liaison
        )
    facts["id_number"] = make_id_number(datetime.date(1985, 1, 2), serial=77)
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, new_cadre=facts, reason="懂财政", actor=liaison
    )
    assert nomination.cadre.home_unit == sending_unit


def test_accepting_a_nominee_makes_an_expected_secondment_with_the_seat_reserved(
    cycle_with_need, sending_unit, liaison, officer, cadre, post
):
    cycle, need = cycle_with_need
    nomination = services.accept_nomination(
        nomination=_nominate(need, sending_unit, liaison, cadre), actor=officer
    )
    secondment = nomination.secondment
    assert nomination.status == NominationStatus.ACCEPTED
    assert secondment.status == SecondmentStatus.EXPECTED
    assert secondment.batch == cycle.name
    assert secondment.reserved_post == post
    assert post_list_queryset(officer).get(pk=post.pk).free_seats == 0


def test_a_reserved_seat_keeps_other_cadres_out_of_the_post(
    cycle_with_need, sending_unit, liaison, officer, cadre, post, make_cadre, make_secondment
):
    _cycle, need = cycle_with_need
    services.accept_nomination(nomination=_nominate(need, sending_unit, liaison, cadre), actor=officer)
    waiting = make_secondment(make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")
    with pytest.raises(TransitionError, match="已满"):
        assignment_services.assign(
            secondment=waiting, post=post, start_date=waiting.term_start, actor=officer
        )


def test_the_nominee_takes_the_seat_reserved_for_them(
    make_cycle, unit_a, sending_unit, liaison, officer, cadre, post
):
    cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], term_start=days_ago(3))
    secondment = services.accept_nomination(
        nomination=_nominate(need, sending_unit, liaison, cadre), actor=officer
    ).secondment
    assignment_services.report_arrival(secondment=secondment, reported_on=cycle.term_start, actor=officer)
    assignment_services.assign(secondment=secondment, post=post, start_date=cycle.term_start, actor=officer)
    secondment.refresh_from_db()
    assert secondment.status == SecondmentStatus.IN_POST and secondment.reserved_post is None


def test_the_second_nominee_for_a_one_seat_need_is_refused(
    cycle_with_need, sending_unit, liaison, officer, cadre, make_cadre
):
    _cycle, need = cycle_with_need
    first = _nominate(need, sending_unit, liaison, cadre)
    second = _nominate(need, sending_unit, liaison, make_cadre("李二", birth_date=datetime.date(1982, 9, 3)))
    services.accept_nomination(nomination=first, actor=officer)
    with pytest.raises(TransitionError):
        services.accept_nomination(nomination=second, actor=officer)
    second.refresh_from_db()
    assert second.status == NominationStatus.PROPOSED and second.secondment is None


def test_a_declined_nominee_carries_the_reason_and_a_reason_is_required(
    cycle_with_need, sending_unit, liaison, officer, cadre
):
    _cycle, need = cycle_with_need
    nomination = _nominate(need, sending_unit, liaison, cadre)
    with pytest.raises(TransitionError):
        services.decline_nomination(nomination=nomination, reason=" ", actor=officer)
    nomination = services.decline_nomination(nomination=nomination, reason="专业不对口", actor=officer)
    assert nomination.status == NominationStatus.DECLINED and nomination.decision_reason == "专业不对口"


def test_withdrawing_an_accepted_nomination_gives_the_seat_back(
    cycle_with_need, sending_unit, liaison, officer, cadre, post
):
    _cycle, need = cycle_with_need
    nomination = services.accept_nomination(
        nomination=_nominate(need, sending_unit, liaison, cadre), actor=officer
    )
    services.withdraw_nomination(nomination=nomination, actor=liaison)
    assert post_list_queryset(officer).get(pk=post.pk).free_seats == 1


def test_accepting_for_a_post_to_be_created_creates_it_with_the_needs_seats(
    make_cycle, unit_b, sending_unit, liaison, officer, cadre
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_b, "new_post_title": "副镇长", "count": 2}])
    nomination = services.accept_nomination(
        nomination=_nominate(need, sending_unit, liaison, cadre), actor=officer
    )
    need.refresh_from_db()
    assert need.post.title == "副镇长" and need.post.quota == 2
    assert nomination.secondment.reserved_post == need.post
