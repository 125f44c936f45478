"""Free text has a maximum, shown on the page and held by the form and the model."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assignments.models import Talk
from conftest import FILLED_APPRAISAL, TERM_START, client_for
from guazhi.fields import LONG_TEXT, NOTE, TEXT

FLOOD = "谈" * 100_000


def test_a_talk_of_a_hundred_thousand_characters_is_refused_at_the_field(officer_client, placed_in_a):
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    page = officer_client.get(url).content.decode()
    assert f'maxlength="{TEXT}"' in page
    data = {
        "kind": "routine",
        "date": "2025-04-01",
        "talker": "李干事",
        "talker_role": "org_department",
        "issues_work": FLOOD,
    }
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["issues_work"]
    assert not Talk.objects.exists()


def test_appraisal_comments_and_remarks_are_capped(make_round, placed_in_a, leader_a):
    appraisal = make_round().appraisals.get()
    url = reverse("evaluations:appraisal_file", args=[appraisal.pk])
    data = {**FILLED_APPRAISAL, "strengths": "好" * (TEXT + 1), "morality_remarks": "好" * (NOTE + 1)}
    response = client_for(leader_a).post(url, {**data, "action": "draft"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"strengths", "morality_remarks"}
    appraisal.refresh_from_db()
    assert appraisal.strengths == ""


def test_a_self_summary_is_capped(officer_client, make_review, cadre, post):
    review = make_review(cadre, post)
    url = reverse("evaluations:review_self_summary", args=[review.pk])
    response = officer_client.post(url, {"text": "总" * (LONG_TEXT + 1), "received_on": "2027-02-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]


def test_the_model_refuses_text_past_its_maximum_too(placed_in_a, officer):
    talk = Talk(
        secondment=placed_in_a,
        kind="routine",
        date=TERM_START + datetime.timedelta(days=31),
        talker="李干事",
        talker_role="org_department",
        follow_up="跟" * (TEXT + 1),
        recorded_by=officer,
    )
    with pytest.raises(ValidationError) as refused:
        talk.full_clean()
    assert "follow_up" in refused.value.message_dict
