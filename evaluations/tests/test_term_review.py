"""The end-of-term review, from starting it on the secondment page to the archive."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse

from assignments import services as assignment_services
from conftest import (
    FILLED_APPRAISAL,
    REVIEW_STEPS,
    TODAY,
    client_for,
    days_ago,
    days_ahead,
)
from evaluations import services
from evaluations.models import Appraisal, TermReview
from evaluations.tests.leaving import finish_leaving_steps
from guazhi.tests.people import second_officer
from guazhi.workflow import TransitionError


@pytest.fixture
def ending_soon(make_secondment, cadre, post):
    """A cadre in post in unit A whose term ends in 30 days."""
    return make_secondment(cadre, "in_post", post=post, start=days_ago(700), term_end=days_ahead(30))


@pytest.fixture
def other_cadre(make_cadre):
    return make_cadre("王五", birth_date=datetime.date(1981, 1, 1))


def test_starting_the_review_from_the_secondment_page_opens_its_file_and_the_unit_s_appraisal(
    officer_client, leader_a, ending_soon, unit_a
):
    html = officer_client.get(ending_soon.get_absolute_url()).content.decode()
    start_url = reverse("evaluations:review_start", args=[ending_soon.pk])
    assert start_url in html
    response = officer_client.post(start_url)
    review = TermReview.objects.get(secondment=ending_soon)
    assert response.url == review.get_absolute_url()
    ending_soon.refresh_from_db()
    assert ending_soon.status == "under_review"
    assert review.status == "collecting"
    assert (review.appraisal.kind, review.appraisal.unit, review.appraisal.status) == (
        "term_end",
        unit_a,
        "pending",
    )
    assert list(client_for(leader_a).get(reverse("evaluations:my_appraisals")).context["page"]) == [
        review.appraisal
    ]
    actions = list(ending_soon.events.values_list("action", flat=True)[:2])
    assert actions == ["review", "start_review"]


def test_the_review_is_offered_only_from_90_days_before_the_term_end(officer_client, placed_in_a):
    html = officer_client.get(placed_in_a.get_absolute_url()).content.decode()
    assert "disabled" in html and "起可启动" in html
    response = officer_client.post(reverse("evaluations:review_start", args=[placed_in_a.pk]), follow=True)
    assert "期满考核自" in response.content.decode()
    assert not TermReview.objects.exists()
    placed_in_a.refresh_from_db()
    assert placed_in_a.status == "in_post"


def test_starting_twice_is_refused(officer, ending_soon):
    services.start_term_review(secondment=ending_soon, actor=officer)
    with pytest.raises(TransitionError):
        services.start_term_review(secondment=ending_soon, actor=officer)
    assert TermReview.objects.count() == 1


def test_a_secondment_already_under_review_without_a_file_gets_one(officer, make_secondment, cadre, post):
    secondment = make_secondment(cadre, "under_review", post=post)
    review = services.start_term_review(secondment=secondment, actor=officer)
    assert review.secondment.status == "under_review"
    assert Appraisal.objects.filter(secondment=secondment, kind="term_end").count() == 1


def test_the_review_moves_on_when_the_unit_s_appraisal_is_confirmed(officer, make_review, other_cadre, post):
    review = make_review(other_cadre, post)
    services.file_appraisal(appraisal=review.appraisal, data=FILLED_APPRAISAL, actor=officer)
    review.refresh_from_db()
    assert review.status == "collecting"
    services.confirm_appraisal(appraisal=review.appraisal, actor=second_officer())
    review.refresh_from_db()
    assert review.status == "appraised"


def test_the_opinion_needs_the_self_summary_and_the_democratic_rating(
    officer, make_review, other_cadre, post
):
    review = make_review(other_cadre, post)
    services.file_appraisal(appraisal=review.appraisal, data=FILLED_APPRAISAL, actor=officer)
    services.confirm_appraisal(appraisal=review.appraisal, actor=second_officer())
    with pytest.raises(TransitionError) as error:
        services.record_org_opinion(review=review, opinion="同意", final_grade="competent", actor=officer)
    assert "个人总结" in str(error.value)
    services.record_self_summary(review=review, text="个人总结正文", actor=officer)
    with pytest.raises(TransitionError) as error:
        services.record_org_opinion(review=review, opinion="同意", final_grade="competent", actor=officer)
    assert "民主测评" in str(error.value)


STEP_CALLS = {
    "self_summary": lambda r, o: services.record_self_summary(review=r, text="总结", actor=o),
    "rating": lambda r, o: services.record_democratic_rating(
        review=r, raters=3, votes={"competent": 3}, rated_on=days_ago(30), actor=o
    ),
    "opinion": lambda r, o: services.record_org_opinion(
        review=r, opinion="同意", final_grade="competent", actor=o
    ),
    "feedback": lambda r, o: services.record_feedback(review=r, fed_back_on=TODAY, actor=o),
    "archive": lambda r, o: services.archive_review(review=r, actor=o, open_items_reason="已与派出单位沟通"),
}
ALLOWED = {
    "self_summary": {"collecting", "appraised"},
    "rating": {"collecting", "appraised"},
    "opinion": {"appraised"},
    "feedback": {"reviewed"},
    "archive": {"fed_back"},
}


@pytest.mark.parametrize("step", REVIEW_STEPS)
@pytest.mark.parametrize("call", sorted(STEP_CALLS))
def test_each_review_step_is_allowed_only_at_its_place(officer, make_review, other_cadre, post, step, call):
    review = make_review(other_cadre, post, step)
    if step in ALLOWED[call]:
        STEP_CALLS[call](review, officer)
    else:
        with pytest.raises(TransitionError):
            STEP_CALLS[call](review, officer)
        assert TermReview.objects.get(pk=review.pk).status == step


def test_the_democratic_rating_must_add_up_in_the_form_the_service_and_the_database(
    officer_client, officer, make_review, other_cadre, post
):
    review = make_review(other_cadre, post)
    url = reverse("evaluations:review_rating", args=[review.pk])
    response = officer_client.post(
        url,
        {
            "raters": 20,
            "votes_excellent": 5,
            "votes_competent": 10,
            "votes_basically_competent": 0,
            "votes_incompetent": 0,
            "rated_on": days_ago(30).isoformat(),
        },
    )
    assert response.context["form"].errors["raters"] == ["各等次票数合计15票，与参加测评人数20人不一致。"]
    with pytest.raises(TransitionError):
        services.record_democratic_rating(
            review=review,
            raters=20,
            votes={"excellent": 5},
            rated_on=days_ago(30),
            actor=officer,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        TermReview.objects.filter(pk=review.pk).update(raters=20, votes_excellent=5)
    review.refresh_from_db()
    assert review.raters is None


def test_a_rating_with_absurd_numbers_is_refused_at_the_fields(
    officer_client, make_review, other_cadre, post
):
    review = make_review(other_cadre, post)
    response = officer_client.post(
        reverse("evaluations:review_rating", args=[review.pk]),
        {
            "raters": 10**20,
            "votes_excellent": 10**20,
            "votes_competent": 0,
            "votes_basically_competent": 0,
            "votes_incompetent": 0,
            "rated_on": days_ago(30).isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["raters"] == errors["votes_excellent"] == ["确保该值小于或等于9999。"]
    review.refresh_from_db()
    assert review.raters is None


def test_staff_walk_a_review_to_the_archive_through_the_pages(
    officer_client, officer, make_review, other_cadre, post
):
    review = make_review(other_cadre, post)
    pages = lambda name: reverse(f"evaluations:review_{name}", args=[review.pk])  # noqa: E731
    officer_client.post(
        pages("self_summary"), {"text": "两年来认真履职", "received_on": days_ago(30).isoformat()}
    )
    officer_client.post(
        pages("rating"),
        {
            "raters": 20,
            "votes_excellent": 8,
            "votes_competent": 12,
            "votes_basically_competent": 0,
            "votes_incompetent": 0,
            "rated_on": days_ago(29).isoformat(),
        },
    )
    services.file_appraisal(appraisal=review.appraisal, data=FILLED_APPRAISAL, actor=officer)
    client_for(second_officer()).post(reverse("evaluations:appraisal_confirm", args=[review.appraisal.pk]))
    officer_client.post(pages("opinion"), {"org_opinion": "同意接收单位意见", "final_grade": "competent"})
    officer_client.post(pages("feedback"), {"date": TODAY.isoformat()})
    finish_leaving_steps(review, officer)
    response = officer_client.post(pages("archive"), {"date": TODAY.isoformat()})
    assert response.url == review.get_absolute_url()
    review.refresh_from_db()
    assert review.status == "archived" and review.archived_on == TODAY
    assert review.attendance_snapshot["days_in_post"] > 0
    assert review.secondment.status == "completed" and review.secondment.actual_end == TODAY
    assert review.secondment.assignments.get().end_date == TODAY


def test_an_archived_review_is_read_only(officer_client, officer, make_review, other_cadre, post):
    review = make_review(other_cadre, post, "archived")
    html = officer_client.get(review.get_absolute_url()).content.decode()
    assert reverse("evaluations:review_self_summary", args=[review.pk]) not in html
    response = officer_client.post(
        reverse("evaluations:review_self_summary", args=[review.pk]),
        {"text": "改写", "received_on": days_ago(30).isoformat()},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.self_summary != "改写"
    request = RequestFactory().get("/")
    request.user = officer
    assert not site._registry[TermReview].has_change_permission(request, review)


def test_the_archived_attendance_no_longer_changes(officer, make_review, other_cadre, post):
    from evaluations.selectors import review_attendance

    review = make_review(other_cadre, post, "archived")
    before = review_attendance(review)
    assert before.days_in_post == review.attendance_snapshot["days_in_post"]


def test_a_review_page_shows_the_next_step_and_who_acts(
    leader_a, officer_client, make_review, other_cadre, post
):
    review = make_review(other_cadre, post)
    services.record_self_summary(review=review, text="总结", actor=None)
    services.record_democratic_rating(
        review=review, raters=3, votes={"competent": 3}, rated_on=days_ago(30), actor=None
    )
    response = officer_client.get(review.get_absolute_url())
    assert response.context["next"].key == "appraisal"
    assert "由县财政局领导办理" in response.content.decode()
    leader_page = client_for(leader_a).get(review.get_absolute_url()).content.decode()
    assert reverse("evaluations:appraisal_file", args=[review.appraisal.pk]) in leader_page


def test_a_review_cannot_move_on_once_the_secondment_ended_early(officer, make_review, other_cadre, post):
    review = make_review(other_cadre, post)
    assignment_services.end_early(
        secondment=review.secondment, end_date=TODAY, reason="原单位召回", actor=officer
    )
    with pytest.raises(TransitionError) as error:
        services.record_self_summary(review=review, text="总结", actor=officer)
    assert "提前结束" in str(error.value)


def test_the_liaison_sees_the_review_only_once_it_is_fed_back(
    liaison, leader_b, officer, make_review, other_cadre, post
):
    review = make_review(other_cadre, post, "reviewed")
    client = client_for(liaison)
    assert client.get(review.get_absolute_url()).status_code == 404
    assert client.get(reverse("evaluations:review_print", args=[review.pk])).status_code == 404
    assert client.get(review.appraisal.get_absolute_url()).status_code == 404
    services.record_feedback(review=review, fed_back_on=TODAY, actor=officer)
    assert client.get(review.get_absolute_url()).status_code == 200
    assert client.get(reverse("evaluations:review_print", args=[review.pk])).status_code == 200
    assert client.get(review.appraisal.get_absolute_url()).status_code == 200
    assert list(client.get(reverse("evaluations:review_list")).context["page"]) == [review]
    assert client_for(leader_b).get(review.get_absolute_url()).status_code == 404


def test_the_feedback_date_cannot_come_before_the_review_or_after_today(
    officer, make_review, other_cadre, post
):
    review = make_review(other_cadre, post, "reviewed")
    with pytest.raises(TransitionError):
        services.record_feedback(review=review, fed_back_on=days_ahead(1), actor=officer)
    with pytest.raises(TransitionError):
        services.record_feedback(
            review=review, fed_back_on=review.reviewed_on - datetime.timedelta(days=1), actor=officer
        )


@pytest.mark.parametrize(("ends_in", "offered"), [(90, True), (91, False)])
def test_the_start_button_is_offered_from_exactly_90_days_before_the_term_end(
    officer_client, make_secondment, cadre, post, ends_in, offered
):
    secondment = make_secondment(
        cadre, "in_post", post=post, start=days_ago(600), term_end=days_ahead(ends_in)
    )
    html = officer_client.get(secondment.get_absolute_url()).content.decode()
    assert ("起可启动" not in html) is offered
    officer_client.post(reverse("evaluations:review_start", args=[secondment.pk]))
    assert TermReview.objects.filter(secondment=secondment).exists() is offered


def test_a_term_ending_today_can_still_start_its_review(officer_client, make_secondment, cadre, post):
    secondment = make_secondment(cadre, "in_post", post=post, start=days_ago(730), term_end=TODAY)
    officer_client.post(reverse("evaluations:review_start", args=[secondment.pk]))
    secondment.refresh_from_db()
    assert secondment.status == "under_review"


def test_the_review_s_attendance_says_whether_the_term_is_over_or_still_running(
    officer, officer_client, make_review, other_cadre, post, make_post, make_secondment, cadre
):
    over = make_review(other_cadre, post, start=days_ago(800), term_end=days_ago(60))
    page = officer_client.get(over.get_absolute_url()).content.decode()
    assert "挂职期已结束" in page and "截至目前" not in page
    running = make_secondment(
        cadre, "in_post", post=make_post(title="副主任"), start=days_ago(700), term_end=days_ahead(30)
    )
    review = services.start_term_review(secondment=running, actor=officer, today=TODAY)
    page = officer_client.get(review.get_absolute_url()).content.decode()
    assert "截至目前" in page and "挂职期已结束" not in page
