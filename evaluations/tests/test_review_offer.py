"""The secondment page offers to start the end-of-term review exactly when start_review allows it."""

import datetime

import pytest
from django.utils import timezone

from conftest import client_for


@pytest.mark.parametrize("days_left, offered", [(200, False), (91, False), (90, True), (30, True)])
def test_the_review_button_works_from_90_days_before_the_term_end(
    officer, make_secondment, cadre, post, days_left, offered
):
    today = timezone.localdate()
    end = today + datetime.timedelta(days=days_left)
    secondment = make_secondment(
        cadre, "in_post", post=post, start=end - datetime.timedelta(days=730), term_end=end
    )
    section = client_for(officer).get(secondment.get_absolute_url()).context["sections"]
    review = next(s for s in section if "can_start_review" in s.context).context
    assert review["can_start_review"] is offered
    assert review["review_opens"] == (None if offered else end - datetime.timedelta(days=90))


def test_a_leader_is_not_offered_the_review(leader_a, placed_in_a):
    section = client_for(leader_a).get(placed_in_a.get_absolute_url()).context["sections"]
    review = next(s for s in section if "can_start_review" in s.context).context
    assert (review["can_start_review"], review["review_opens"]) == (False, None)
