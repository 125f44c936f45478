"""Receiving-unit leaders file appraisals: draft, submit, read-only once submitted."""

import pytest
from django.urls import reverse

from conftest import FILLED_APPRAISAL, client_for
from evaluations import services
from evaluations.models import Appraisal
from guazhi.tests.people import second_officer
from guazhi.workflow import TransitionError


@pytest.fixture
def appraisal(make_round, placed_in_a) -> Appraisal:
    return make_round().appraisals.get(secondment=placed_in_a)


def _file_url(appraisal) -> str:
    return reverse("evaluations:appraisal_file", args=[appraisal.pk])


def test_a_leader_saves_a_draft_and_comes_back_to_it(leader_a, appraisal):
    client = client_for(leader_a)
    response = client.post(
        _file_url(appraisal), {"action": "draft", "morality": "good", "strengths": "敢于担当"}
    )
    assert response.status_code == 302 and response.url == _file_url(appraisal)
    appraisal.refresh_from_db()
    assert (appraisal.status, appraisal.morality, appraisal.strengths) == ("pending", "good", "敢于担当")
    assert "敢于担当" in client.get(_file_url(appraisal)).content.decode()


def test_a_leader_submits_a_complete_appraisal(leader_a, appraisal):
    response = client_for(leader_a).post(_file_url(appraisal), {**FILLED_APPRAISAL, "action": "submit"})
    assert response.url == appraisal.get_absolute_url()
    appraisal.refresh_from_db()
    assert appraisal.status == "submitted"
    assert appraisal.filed_by == leader_a and appraisal.filed_at is not None
    event = appraisal.secondment.events.first()
    assert event.action == "appraisal" and "县财政局" in event.note
    assert "称职" not in event.note


def test_submitting_an_incomplete_appraisal_names_each_missing_field_and_saves_nothing(leader_a, appraisal):
    response = client_for(leader_a).post(_file_url(appraisal), {"action": "submit", "morality": "good"})
    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["ability"] == ["提交前必须填写。"]
    assert form.errors["grade"] == ["提交前必须填写。"]
    appraisal.refresh_from_db()
    assert appraisal.status == "pending" and appraisal.morality == ""


def test_no_grade_needs_a_reason_even_in_a_draft(leader_a, appraisal):
    data = {**FILLED_APPRAISAL, "grade": "ungraded", "ungraded_reason": " ", "action": "draft"}
    response = client_for(leader_a).post(_file_url(appraisal), data)
    assert response.context["form"].errors["ungraded_reason"] == ["请说明不定等次的原因。"]
    data["ungraded_reason"] = "挂职期间病假超过半年"
    data["action"] = "submit"
    client_for(leader_a).post(_file_url(appraisal), data)
    appraisal.refresh_from_db()
    assert (appraisal.status, appraisal.grade, appraisal.ungraded_reason) == (
        "submitted",
        "ungraded",
        "挂职期间病假超过半年",
    )


def test_the_service_refuses_an_incomplete_submission_too(officer, appraisal):
    with pytest.raises(TransitionError) as error:
        services.file_appraisal(appraisal=appraisal, data={"morality": "good"}, actor=officer)
    assert "尚缺" in str(error.value)


def test_a_submitted_appraisal_is_read_only_to_the_leader(leader_a, appraisal):
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=leader_a)
    client = client_for(leader_a)
    response = client.get(_file_url(appraisal))
    assert response.status_code == 302 and response.url == appraisal.get_absolute_url()
    client.post(_file_url(appraisal), {**FILLED_APPRAISAL, "grade": "excellent", "action": "submit"})
    appraisal.refresh_from_db()
    assert appraisal.grade == "competent"
    html = client.get(appraisal.get_absolute_url()).content.decode()
    assert _file_url(appraisal) not in html


def test_a_leader_of_another_unit_gets_404(leader_b, appraisal):
    client = client_for(leader_b)
    assert client.get(appraisal.get_absolute_url()).status_code == 404
    assert client.post(_file_url(appraisal), {**FILLED_APPRAISAL, "action": "submit"}).status_code == 404
    appraisal.refresh_from_db()
    assert appraisal.status == "pending"


def test_a_liaison_does_not_see_an_appraisal_before_it_is_confirmed(liaison, officer, appraisal):
    client = client_for(liaison)
    assert client.get(appraisal.get_absolute_url()).status_code == 404
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    assert client.get(appraisal.get_absolute_url()).status_code == 404
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    assert client.get(appraisal.get_absolute_url()).status_code == 200
    assert client.get(_file_url(appraisal)).status_code == 403


def test_staff_may_file_for_the_unit(officer_client, appraisal):
    officer_client.post(_file_url(appraisal), {**FILLED_APPRAISAL, "action": "submit"})
    appraisal.refresh_from_db()
    assert appraisal.status == "submitted"


def test_the_leader_s_queue_and_home_page_list_the_appraisals_to_file(leader_a, leader_b, appraisal):
    client = client_for(leader_a)
    assert list(client.get(reverse("evaluations:my_appraisals")).context["page"]) == [appraisal]
    home = client.get(reverse("home"))
    assert home.context["appraisal_queue"].rows == [appraisal]
    assert _file_url(appraisal) in home.content.decode()
    assert list(client_for(leader_b).get(reverse("evaluations:my_appraisals")).context["page"]) == []


def test_a_returned_appraisal_is_back_in_the_queue_with_the_reason(leader_a, officer, appraisal):
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=leader_a)
    client = client_for(leader_a)
    assert list(client.get(reverse("evaluations:my_appraisals")).context["page"]) == []
    services.return_appraisal(appraisal=appraisal, reason="请补充年度主要实绩", actor=officer)
    response = client.get(reverse("evaluations:my_appraisals"))
    assert list(response.context["page"]) == [appraisal]
    assert "请补充年度主要实绩" in response.content.decode()
    assert "请补充年度主要实绩" in client.get(_file_url(appraisal)).content.decode()
    client.post(
        _file_url(appraisal), {**FILLED_APPRAISAL, "achievement_remarks": "完成债务化解", "action": "submit"}
    )
    appraisal.refresh_from_db()
    assert appraisal.status == "submitted" and appraisal.achievement_remarks == "完成债务化解"
    assert "重新提交" in appraisal.secondment.events.first().note


def test_the_queue_leaves_out_closed_rounds(leader_a, officer, appraisal):
    services.close_round(appraisal_round=appraisal.round, actor=officer)
    assert list(client_for(leader_a).get(reverse("evaluations:my_appraisals")).context["page"]) == []
