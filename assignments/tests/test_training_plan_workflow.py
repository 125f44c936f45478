"""The receiving unit writes the training plan; the organization department approves or returns it."""

import pytest
from django.urls import reverse

from assignments import services
from conftest import client_for
from guazhi.workflow import TransitionError


@pytest.fixture
def serving(placed_in_a):
    placed_in_a.sending_unit_recommendations = "请安排到任务重的岗位压担子"
    placed_in_a.save(update_fields=["sending_unit_recommendations"])
    return placed_in_a


def plan_url(secondment):
    return reverse("assignments:training_plan_edit", args=[secondment.pk])


def test_a_leader_drafts_and_submits_the_plan_beside_the_sending_units_recommendations(serving, leader_a):
    client = client_for(leader_a)
    html = client.get(plan_url(serving)).content.decode()
    assert "请安排到任务重的岗位压担子" in html and "制定依据" in html
    client.post(plan_url(serving), {"text": "一、锻炼目标", "save_draft": "1"})
    serving.refresh_from_db()
    assert (serving.training_plan_status, serving.training_plan_filed_on) == ("draft", None)
    client.post(plan_url(serving), {"text": "一、锻炼目标：熟悉县情"})
    serving.refresh_from_db()
    assert serving.training_plan_status == "submitted"
    assert "待审批" in client.get(serving.get_absolute_url()).content.decode()


def test_staff_approve_a_submitted_plan_and_it_counts_as_filed_today(serving, leader_a, officer_client):
    services.draft_training_plan(secondment=serving, text="计划", submit=True, actor=leader_a)
    html = officer_client.get(serving.get_absolute_url()).content.decode()
    assert reverse("assignments:training_plan_approve", args=[serving.pk]) in html
    officer_client.post(reverse("assignments:training_plan_approve", args=[serving.pk]))
    serving.refresh_from_db()
    assert serving.training_plan_status == "approved" and serving.training_plan_filed_on is not None
    # The 未制定培养计划 alert reads the date the plan was filed (oversight/tests/test_watch.py).
    assert serving.events.first().note == "批准培养计划"


def test_staff_return_a_plan_with_a_reason_the_leader_sees(serving, leader_a, officer_client):
    services.draft_training_plan(secondment=serving, text="计划", submit=True, actor=leader_a)
    url = reverse("assignments:training_plan_return", args=[serving.pk])
    assert officer_client.post(url, {"reason": ""}).status_code == 200
    officer_client.post(url, {"reason": "培养措施不够具体"})
    serving.refresh_from_db()
    assert serving.training_plan_status == "returned"
    html = client_for(leader_a).get(plan_url(serving)).content.decode()
    assert "培养措施不够具体" in html


def test_a_submitted_plan_cannot_be_approved_twice_nor_a_draft_approved(serving, leader_a, officer):
    services.draft_training_plan(secondment=serving, text="计划", submit=False, actor=leader_a)
    with pytest.raises(TransitionError):
        services.approve_training_plan(secondment=serving, actor=officer)


def test_leaders_of_other_units_and_liaisons_cannot_write_the_plan(serving, leader_b, liaison):
    assert client_for(leader_b).get(plan_url(serving)).status_code == 404
    assert client_for(liaison).get(plan_url(serving)).status_code == 403
    assert (
        client_for(liaison).post(reverse("assignments:training_plan_approve", args=[serving.pk])).status_code
        == 403
    )
