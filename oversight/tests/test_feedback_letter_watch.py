"""A feedback letter (反馈函) the sending unit has not confirmed within 15 days is watched."""

from django.urls import reverse

from conftest import TODAY, client_for, days_ago
from evaluations import services
from oversight.watch import watch_counts, watch_queryset


def _fed_back_days_ago(days, make_review, cadre, post, officer):
    """A review reviewed 30 days ago whose result went to the sending unit ``days`` ago."""
    review = make_review(cadre, post, "appraised")
    services.record_org_opinion(
        review=review, opinion="同意", final_grade="competent", today=days_ago(30), actor=officer
    )
    return services.record_feedback(review=review, fed_back_on=days_ago(days), actor=officer)


def test_letters_unconfirmed_after_15_days_are_watched(officer, liaison, make_review, cadre, post):
    review = _fed_back_days_ago(16, make_review, cadre, post, officer)
    counts = {item.watch.key: item.count for item in watch_counts(officer)}
    assert counts["letter_unacknowledged"] == 1
    assert list(watch_queryset(liaison, "letter_unacknowledged")) == [review.secondment]
    page = client_for(officer).get(reverse("oversight:watch_list", args=["letter_unacknowledged"]))
    assert review.secondment.cadre.name in page.content.decode()
    services.acknowledge_feedback(review=review, acknowledged_on=TODAY, actor=liaison)
    counts = {item.watch.key: item.count for item in watch_counts(officer)}
    assert counts["letter_unacknowledged"] == 0


def test_a_letter_sent_14_days_ago_is_not_watched_yet(officer, make_review, cadre, post):
    _fed_back_days_ago(14, make_review, cadre, post, officer)
    counts = {item.watch.key: item.count for item in watch_counts(officer)}
    assert counts["letter_unacknowledged"] == 0


def test_an_archived_review_s_unconfirmed_letter_stays_watched(officer, make_review, cadre, post):
    review = _fed_back_days_ago(20, make_review, cadre, post, officer)
    from evaluations.tests.leaving import finish_leaving_steps

    finish_leaving_steps(review, officer)
    services.archive_review(review=review, actor=officer)
    counts = {item.watch.key: item.count for item in watch_counts(officer)}
    assert counts["letter_unacknowledged"] == 1
