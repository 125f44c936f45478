"""The watches over selection before arrival: seats reserved and not taken, needs and nominations waiting."""
# ruff: noqa: F811 (the fixture imported from the selection tests is named as an argument)

import pytest

from assignments.models import Secondment
from conftest import day, days_ago
from oversight.watch import watch_counts, watch_queryset
from selection import services
from selection.reports import needs_without_nominee, nominations_waiting, selection_figures
from selection.tests.conftest import cycle_with_need, make_cycle  # noqa: F401


def _counts(user):
    return {item.watch.key: item.count for item in watch_counts(user)}


def test_an_accepted_nominee_not_reported_by_the_term_start_shows_under_reserved_seats(
    make_cycle, unit_a, post, sending_unit, liaison, officer, cadre, leader_a
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], term_start=days_ago(2))
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison
    )
    services.accept_nomination(nomination=nomination, actor=officer)
    assert _counts(officer)["seat_not_taken"] == 1
    assert _counts(liaison)["seat_not_taken"] == 1
    assert [s.cadre for s in watch_queryset(officer, "seat_not_taken")] == [cadre]
    assert not watch_queryset(leader_a, "seat_not_taken").exists()


def test_a_reserved_seat_whose_term_has_not_started_is_not_watched(
    make_cycle, unit_a, post, sending_unit, liaison, officer, cadre
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}])
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison
    )
    services.accept_nomination(nomination=nomination, actor=officer)
    assert _counts(officer)["seat_not_taken"] == 0


def test_a_need_without_nominee_a_week_before_the_deadline_and_a_nomination_waiting_ten_days_are_flagged(
    make_cycle, unit_a, unit_b, post, sending_unit, liaison, cadre
):
    _cycle, (finance, town) = make_cycle(
        needs=[{"unit": unit_a, "post": post}, {"unit": unit_b, "new_post_title": "副镇长"}]
    )
    services.nominate(need=finance, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison)
    assert not needs_without_nominee(day(0)).exists()
    # The deadline is 30 days ahead: a week before it, the need nobody was put forward for shows.
    assert list(needs_without_nominee(day(23))) == [town]
    assert not nominations_waiting(day(10)).exists()
    assert nominations_waiting(day(11)).count() == 1


@pytest.mark.parametrize("accepted", [True, False])
def test_the_summary_counts_seats_asked_for_and_filled(
    make_cycle, unit_a, post, sending_unit, liaison, officer, cadre, accepted
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post, "count": 2}])
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison
    )
    if accepted:
        services.accept_nomination(nomination=nomination, actor=officer)
    figures = selection_figures()
    assert (figures.seats, figures.filled, figures.unfilled) == (2, int(accepted), 2 - int(accepted))
    assert figures.by_unit == [("县财政局", 2, int(accepted))]


def test_the_county_summary_reports_the_cycles_fill_rate(
    make_cycle, unit_a, post, sending_unit, liaison, officer, officer_client, cadre
):
    import json

    from django.urls import reverse

    from oversight.summary import county_summary

    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}])
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison
    )
    services.accept_nomination(nomination=nomination, actor=officer)
    contract = json.loads(json.dumps(county_summary(officer).as_contract(), default=str))
    assert contract["selection"]["seats"] == 1 and contract["selection"]["filled"] == 1
    assert contract["tables"]["selection_by_unit"]["rows"] == [["县财政局", 1, 1, 0]]
    page = officer_client.get(reverse("oversight:summary")).content.decode()
    assert "按需选派" in page or "需求" in page


def test_the_reminder_digest_lists_needs_with_unread_consultation_messages(
    cycle_with_need, sending_unit, liaison, officer, cadre
):
    import datetime

    from django.utils import timezone

    from oversight.reminders import build_digest

    _cycle, need = cycle_with_need
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison
    )
    services.post_message(nomination=nomination, text="请尽快决定", actor=liaison)
    today = timezone.localdate()
    digest = build_digest(officer, today, timezone.now() + datetime.timedelta(seconds=1))
    assert digest is not None and digest.unread[0][:2] == (need, 1)
    assert str(need) in digest.body(today)


def test_staff_see_on_their_overview_a_need_nobody_was_put_forward_for_a_week_before_the_deadline(
    make_cycle, unit_a, post, officer, leader_a, time_machine
):
    from django.urls import reverse

    from conftest import client_for, local_time

    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}])
    assert need.get_absolute_url() not in client_for(officer).get(reverse("home")).content.decode()
    # Sessions end after a working day: each visit below signs in anew.
    time_machine.move_to(local_time(day(24), 10))
    assert need.get_absolute_url() in client_for(officer).get(reverse("home")).content.decode()
    assert (
        need.get_absolute_url() in client_for(officer).get(reverse("selection:cycle_list")).content.decode()
    )
    assert need.get_absolute_url() not in client_for(leader_a).get(reverse("home")).content.decode()


def test_a_reserved_seat_that_has_lapsed_no_longer_shows_as_waiting(
    make_cycle, unit_a, post, sending_unit, liaison, officer, cadre
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], term_start=days_ago(40))
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison
    )
    accepted = services.accept_nomination(nomination=nomination, actor=officer, reserved_until=day(0))
    assert _counts(officer)["seat_not_taken"] == 1
    Secondment.objects.filter(pk=accepted.secondment_id).update(reserved_until=days_ago(1))
    assert _counts(officer)["seat_not_taken"] == 0


def test_staff_are_reminded_of_a_need_nobody_was_put_forward_for_and_of_a_nomination_left_undecided(
    make_cycle, unit_a, unit_b, post, sending_unit, liaison, officer, cadre
):
    import time_machine
    from django.utils import timezone

    from conftest import local_time
    from oversight.reminders import build_digest

    _cycle, (finance, town) = make_cycle(
        needs=[{"unit": unit_a, "post": post}, {"unit": unit_b, "new_post_title": "副镇长"}]
    )
    services.nominate(need=finance, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison)

    with time_machine.travel(local_time(day(24), 10), tick=False):
        digest = build_digest(officer, timezone.localdate(), timezone.now())
        body = digest.body(timezone.localdate())
        for_liaison = build_digest(liaison, timezone.localdate(), timezone.now())

    assert "【临近截止仍无人推荐的需求】" in body and str(town) in body
    assert "【待决定的推荐】" in body and f"{cadre.name} → {finance}" in body
    assert {key.split(":")[0] for key in digest.keys} >= {"need_no_nominee", "nomination_waiting"}
    assert for_liaison is None or "need_no_nominee" not in " ".join(for_liaison.keys)
