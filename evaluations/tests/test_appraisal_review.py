"""The organization department confirms a submitted appraisal or returns it with a reason."""

import pytest
from django.urls import reverse

from conftest import FILLED_APPRAISAL, client_for
from evaluations import services
from evaluations.models import Appraisal
from guazhi.tests.people import second_officer
from guazhi.workflow import TransitionError

STATES = ["pending", "submitted", "returned", "confirmed"]


def _to_state(appraisal, state, officer):
    if state in ("submitted", "returned", "confirmed"):
        services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    if state == "returned":
        services.return_appraisal(appraisal=appraisal, reason="请补充", actor=officer)
    if state == "confirmed":
        services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    appraisal.refresh_from_db()
    return appraisal


ACTIONS = {
    "file": (
        lambda a, o: services.file_appraisal(appraisal=a, data=FILLED_APPRAISAL, actor=o),
        {
            "pending": "submitted",
            "returned": "submitted",
        },
    ),
    "draft": (
        lambda a, o: services.save_appraisal_draft(appraisal=a, data={"hopes": "多下基层"}, actor=o),
        {
            "pending": "pending",
            "returned": "returned",
        },
    ),
    "confirm": (
        lambda a, o: services.confirm_appraisal(appraisal=a, actor=second_officer()),
        {"submitted": "confirmed"},
    ),
    "return": (
        lambda a, o: services.return_appraisal(appraisal=a, reason="等次依据不足", actor=o),
        {
            "submitted": "returned",
        },
    ),
}


@pytest.fixture
def appraisal(make_round, placed_in_a) -> Appraisal:
    return make_round().appraisals.get(secondment=placed_in_a)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_step_is_allowed_only_from_the_states_the_workflow_draws(appraisal, officer, action, state):
    appraisal = _to_state(appraisal, state, officer)
    run, allowed = ACTIONS[action]
    if state in allowed:
        run(appraisal, officer)
        appraisal.refresh_from_db()
        assert appraisal.status == allowed[state]
    else:
        with pytest.raises(TransitionError) as error:
            run(appraisal, officer)
        assert appraisal.secondment.cadre.name in str(error.value)
        assert Appraisal.objects.get(pk=appraisal.pk).status == state


def test_returning_needs_a_reason(appraisal, officer):
    _to_state(appraisal, "submitted", officer)
    with pytest.raises(TransitionError):
        services.return_appraisal(appraisal=appraisal, reason="  ", actor=officer)


def test_staff_confirm_from_the_appraisal_page(officer_client, officer, appraisal):
    _to_state(appraisal, "submitted", officer)
    html = client_for(second_officer()).get(appraisal.get_absolute_url()).content.decode()
    assert reverse("evaluations:appraisal_confirm", args=[appraisal.pk]) in html
    client_for(second_officer()).post(reverse("evaluations:appraisal_confirm", args=[appraisal.pk]))
    appraisal.refresh_from_db()
    assert appraisal.status == "confirmed" and appraisal.reviewed_by == second_officer()


def test_a_return_without_a_reason_is_named_at_the_field(officer_client, officer, appraisal):
    _to_state(appraisal, "submitted", officer)
    url = reverse("evaluations:appraisal_return", args=[appraisal.pk])
    response = officer_client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    officer_client.post(url, {"reason": "请补充年度主要实绩"})
    appraisal.refresh_from_db()
    assert (appraisal.status, appraisal.return_reason) == ("returned", "请补充年度主要实绩")


def test_confirming_twice_says_why_instead_of_failing(officer_client, officer, appraisal):
    _to_state(appraisal, "confirmed", officer)
    response = client_for(second_officer()).post(
        reverse("evaluations:appraisal_confirm", args=[appraisal.pk]), follow=True
    )
    assert response.status_code == 200
    assert "无法确认考核" in response.content.decode()


def test_after_a_round_closes_staff_may_still_confirm_but_not_return(appraisal, officer):
    _to_state(appraisal, "submitted", officer)
    services.close_round(appraisal_round=appraisal.round, actor=officer)
    with pytest.raises(TransitionError):
        services.return_appraisal(appraisal=appraisal, reason="请补充", actor=officer)
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())


def test_leaders_and_liaisons_cannot_confirm_or_return(leader_a, liaison, officer, appraisal):
    _to_state(appraisal, "submitted", officer)
    for user in (leader_a, liaison):
        client = client_for(user)
        assert client.post(reverse("evaluations:appraisal_confirm", args=[appraisal.pk])).status_code == 404
        assert (
            client.post(
                reverse("evaluations:appraisal_return", args=[appraisal.pk]), {"reason": "x"}
            ).status_code
            == 404
        )
    appraisal.refresh_from_db()
    assert appraisal.status == "submitted"


def test_the_staff_queue_holds_the_submitted_appraisals(officer_client, officer, appraisal):
    assert list(officer_client.get(reverse("evaluations:my_appraisals")).context["page"]) == []
    _to_state(appraisal, "submitted", officer)
    assert list(officer_client.get(reverse("evaluations:my_appraisals")).context["page"]) == [appraisal]


def test_every_step_is_in_the_history(appraisal, officer, leader_a):
    services.save_appraisal_draft(appraisal=appraisal, data={"strengths": "敢于担当"}, actor=leader_a)
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=leader_a)
    services.return_appraisal(appraisal=appraisal, reason="请补充", actor=officer)
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=leader_a)
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    statuses = list(appraisal.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["pending", "pending", "submitted", "returned", "submitted", "confirmed"]
    notes = list(appraisal.secondment.events.filter(action="appraisal").values_list("note", flat=True))
    assert len(notes) == 5
