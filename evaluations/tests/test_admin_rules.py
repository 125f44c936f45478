"""The administration cannot change what the rounds, appraisals and reviews decide step by step; a
round's corrected due date moves its appraisals with it."""

import datetime

from django.urls import reverse
from django.utils import timezone

from conftest import FILLED_APPRAISAL
from evaluations import services
from evaluations.models import Appraisal
from guazhi.tests.people import second_officer


def test_a_rounds_new_due_date_in_the_administration_moves_its_appraisals_with_it(
    admin_client, admin_user, placed_in_a, make_round
):
    appraisal_round = make_round()
    later = appraisal_round.due_date + datetime.timedelta(days=14)
    response = admin_client.post(
        reverse("admin:evaluations_appraisalround_change", args=[appraisal_round.pk]),
        {
            "title": appraisal_round.title,
            "period_start": appraisal_round.period_start.isoformat(),
            "period_end": appraisal_round.period_end.isoformat(),
            "due_date": later.isoformat(),
            "note": "",
        },
    )
    assert response.status_code == 302
    appraisal = appraisal_round.appraisals.get()
    assert appraisal.due_date == later
    assert appraisal.history.first().history_user == admin_user


def test_an_administrator_cannot_open_a_round_or_start_a_review_behind_their_pages(admin_client):
    assert admin_client.get(reverse("admin:evaluations_appraisalround_add")).status_code == 403
    assert admin_client.get(reverse("admin:evaluations_termreview_add")).status_code == 403
    assert admin_client.get(reverse("admin:evaluations_appraisal_add")).status_code == 403


def test_an_administrator_cannot_change_an_appraisals_due_date_or_its_confirmed_grade(
    admin_client, officer, placed_in_a, make_round
):
    appraisal = make_round().appraisals.get()
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    before = Appraisal.objects.get(pk=appraisal.pk)
    admin_client.post(
        reverse("admin:evaluations_appraisal_change", args=[appraisal.pk]),
        {
            "due_date": (before.due_date + datetime.timedelta(days=60)).isoformat(),
            "grade": "excellent",
            "morality": "",
            "strengths": "更正后的优点",
        },
    )
    after = Appraisal.objects.get(pk=appraisal.pk)
    assert (after.due_date, after.grade, after.morality) == (before.due_date, "competent", "good")
    assert after.strengths == "更正后的优点"


def test_an_administrator_cannot_take_a_reviews_steps(admin_client, make_review, cadre, post):
    review = make_review(cadre, post, "appraised")
    admin_client.post(
        reverse("admin:evaluations_termreview_change", args=[review.pk]),
        {
            "self_summary": review.self_summary,
            "org_opinion": "同意。",
            "final_grade": "excellent",
            "fed_back_on": timezone.localdate().isoformat(),
            "raters": "0",
        },
    )
    review.refresh_from_db()
    assert (review.status, review.final_grade, review.fed_back_on, review.raters) == (
        "appraised",
        "",
        None,
        20,
    )
    assert review.org_opinion == "同意。"
