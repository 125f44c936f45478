"""Feeding back produces a letter (反馈函) with the 鉴定表; the sending unit confirms its receipt (回执)."""

import io

import pytest
from django.urls import reverse
from docx import Document

from conftest import TODAY, client_for, days_ago
from evaluations import services
from guazhi.workflow import TransitionError


@pytest.fixture
def fed_back(make_review, cadre, post):
    return make_review(cadre, post, "fed_back")


def _letter(user, review):
    return client_for(user).get(reverse("evaluations:feedback_letter", args=[review.pk]))


def test_feeding_back_gives_a_letter_to_the_sending_unit_with_the_appraisal_form(liaison, fed_back):
    response = _letter(liaison, fed_back)
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    name = fed_back.secondment.cadre.name
    assert f"关于{name}同志挂职期满考核情况的反馈函" in text
    assert f"{fed_back.secondment.sending_unit.name}：" in text
    assert "称职" in text and "县委组织部" in text
    assert "挂职干部鉴定表" in text and "（县委组织部盖章）" in text
    assert len(document.sections) == 2


def test_there_is_no_letter_before_the_result_is_fed_back(officer, make_review, make_cadre, post):
    review = make_review(make_cadre("王五"), post, "reviewed")
    assert _letter(officer, review).status_code == 404


def test_the_liaison_confirms_receipt_on_the_review_page(liaison, fed_back):
    client = client_for(liaison)
    page = client.get(fed_back.get_absolute_url()).content.decode()
    assert "反馈函" in page and "确认收到" in page
    client.post(reverse("evaluations:feedback_acknowledge", args=[fed_back.pk]), {"date": TODAY.isoformat()})
    fed_back.refresh_from_db()
    assert fed_back.acknowledged_on == TODAY and fed_back.acknowledged_by == liaison
    assert fed_back.history.first().acknowledged_on == TODAY
    assert fed_back.secondment.events.filter(note__contains="反馈函").exists()
    page = client.get(fed_back.get_absolute_url()).content.decode()
    assert "确认收到" in page and 'id="receipt-date"' not in page


def test_a_receipt_is_confirmed_once_and_not_before_the_letter_was_sent(liaison, officer, fed_back):
    with pytest.raises(TransitionError):
        services.acknowledge_feedback(review=fed_back, acknowledged_on=days_ago(400), actor=liaison)
    services.acknowledge_feedback(review=fed_back, acknowledged_on=TODAY, actor=liaison)
    with pytest.raises(TransitionError):
        services.acknowledge_feedback(review=fed_back, acknowledged_on=TODAY, actor=liaison)


def test_a_receiving_unit_leader_cannot_confirm_the_receipt(leader_a, fed_back):
    client_for(leader_a).post(
        reverse("evaluations:feedback_acknowledge", args=[fed_back.pk]), {"date": TODAY.isoformat()}
    )
    fed_back.refresh_from_db()
    assert fed_back.acknowledged_on is None
