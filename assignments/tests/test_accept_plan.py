"""Accepting a placement plan: the page reads the ticked lines, accept_plan places each through assign."""

import datetime

from django.urls import reverse
from django.utils import timezone

from assignments import services
from assignments.models import Assignment


def test_each_line_is_placed_and_one_whose_seat_was_taken_meanwhile_is_reported(
    officer, make_secondment, make_cadre, post
):
    first = make_secondment(make_cadre("张一"), "awaiting_post")
    second = make_secondment(make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")
    outcome = services.accept_plan(
        lines=[
            services.PlanLine(first, post, fit_reason="急需"),
            None,
            services.PlanLine(second, post, fit_reason="急需"),
        ],
        start_date=first.reported_on,
        actor=officer,
    )
    assert outcome.placed == 1
    assert outcome.refusals[0] == "某行已不存在"
    assert outcome.refusals[1].startswith("李二：")
    assert list(Assignment.objects.values_list("secondment_id", flat=True)) == [first.pk]


def test_a_plan_accepted_without_a_date_places_from_today(
    officer_client, make_secondment, cadre, post, leader_a
):
    start = timezone.localdate() - datetime.timedelta(days=20)
    waiting = make_secondment(
        cadre, "awaiting_post", start=start, term_end=start + datetime.timedelta(days=730)
    )
    officer_client.post(
        reverse("assignments:batch_plan_accept"),
        {"line": [f"{waiting.pk}:{post.pk}"], f"reason-{waiting.pk}-{post.pk}": "急需"},
    )
    assert Assignment.objects.get().start_date == timezone.localdate()


def test_a_line_written_in_other_digits_is_reported_not_an_error_page(
    officer_client, make_secondment, cadre, post
):
    waiting = make_secondment(cadre, "awaiting_post")
    response = officer_client.post(
        reverse("assignments:batch_plan_accept"), {"line": [f"{waiting.pk}:²", "１:２"]}, follow=True
    )
    assert response.status_code == 200
    assert response.content.decode().count("未安排：") == 2
    assert not Assignment.objects.exists()
