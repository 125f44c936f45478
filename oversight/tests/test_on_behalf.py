"""What staff file or decide for a unit is marked 代为录入 with who did it, and the filer does not
confirm their own appraisal."""

import io

import pytest
from django.urls import reverse
from docx import Document

from assignments import services as assignment_services
from assignments.choices import LeaveKind
from conftest import FILLED_APPRAISAL, client_for, day
from evaluations import services
from guazhi.tests.people import second_officer
from guazhi.workflow import TransitionError


@pytest.fixture
def appraisal(make_round, placed_in_a):
    return make_round().appraisals.get(secondment=placed_in_a)


def test_an_appraisal_staff_file_for_the_unit_is_marked_and_another_officer_confirms_it(officer, appraisal):
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    appraisal.refresh_from_db()
    assert appraisal.on_behalf and appraisal.filed_by == officer
    assert (
        "代为录入" in appraisal.secondment.events.first().note
        and "组织部爱丽" in appraisal.secondment.events.first().note
    )
    html = client_for(officer).get(appraisal.get_absolute_url()).content.decode()
    assert "代为录入" in html and reverse("evaluations:appraisal_confirm", args=[appraisal.pk]) not in html
    with pytest.raises(TransitionError, match="另一名"):
        services.confirm_appraisal(appraisal=appraisal, actor=officer)
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    appraisal.refresh_from_db()
    assert appraisal.status == "confirmed"
    history = client_for(officer).get(appraisal.get_absolute_url()).content.decode()
    assert "代为录入" in history


def test_an_appraisal_the_units_leader_files_is_not_marked(leader_a, officer, appraisal):
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=leader_a)
    appraisal.refresh_from_db()
    assert not appraisal.on_behalf
    services.confirm_appraisal(appraisal=appraisal, actor=officer)


def test_the_printed_appraisal_form_says_who_filed_it_for_the_unit(officer, make_review, cadre, post):
    review = make_review(cadre, post, step="reviewed")
    html = client_for(officer).get(reverse("evaluations:review_print", args=[review.pk])).content.decode()
    assert "组织部爱丽代为录入" in html
    response = client_for(officer).get(reverse("evaluations:review_download", args=[review.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(response))).paragraphs)
    assert "组织部爱丽代为录入" in text


def test_a_leave_staff_decide_in_the_units_place_is_marked(officer, placed_in_a, leader_a):
    leave = assignment_services.request_leave(
        secondment=placed_in_a, kind=LeaveKind.ANNUAL, start_date=day(3), end_date=day(4), actor=officer
    )
    assignment_services.approve_leave(leave=leave, actor=officer)
    leave.refresh_from_db()
    assert leave.decided_on_behalf
    assert "代为录入" in placed_in_a.events.first().note
    html = client_for(officer).get(placed_in_a.get_absolute_url()).content.decode()
    assert "代为录入" in html

    other = assignment_services.request_leave(
        secondment=placed_in_a, kind=LeaveKind.ANNUAL, start_date=day(10), end_date=day(11), actor=leader_a
    )
    assignment_services.approve_leave(leave=other, actor=leader_a)
    other.refresh_from_db()
    assert not other.decided_on_behalf


def test_the_forms_say_beforehand_that_staff_file_or_decide_on_the_units_behalf(
    officer, leader_a, appraisal, placed_in_a
):
    url = reverse("evaluations:appraisal_file", args=[appraisal.pk])
    assert "您正在代县财政局填报本考核" in client_for(officer).get(url).content.decode()
    assert "代为录入" not in client_for(leader_a).get(url).content.decode()
    leave = assignment_services.request_leave(
        secondment=placed_in_a, kind=LeaveKind.ANNUAL, start_date=day(3), end_date=day(4), actor=officer
    )
    decide = reverse("assignments:leave_decide", args=[placed_in_a.pk, leave.pk])
    assert "您正在代县财政局审批本次请假" in client_for(officer).get(decide).content.decode()
