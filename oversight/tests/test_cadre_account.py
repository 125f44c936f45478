"""The cadre's own login: given by staff from the cadre's page; the cadre sees only themselves."""

import datetime

import pytest
from django.urls import reverse

from assignments import services as assignment_services
from assignments.choices import TalkerRole, TalkKind
from cadres import services
from conftest import FILLED_APPRAISAL, TERM_START, client_for
from evaluations import services as evaluation_services
from guazhi.tests.people import second_officer


@pytest.fixture
def own_login(placed_in_a, officer):
    """The placed cadre, signed in with their own login."""
    cadre, _password = services.give_account(
        cadre=placed_in_a.cadre, username="zhangguohua", password="gz-own-login-42", actor=officer
    )
    return cadre.account


@pytest.fixture
def other_placed(make_secondment, make_cadre, make_post):
    return make_secondment(
        make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3)),
        "in_post",
        post=make_post(title="局长助理"),
    )


def test_staff_give_a_cadre_a_login_and_see_its_password_once(officer_client, cadre):
    page = officer_client.get(reverse("cadres:cadre_detail", args=[cadre.pk]))
    assert reverse("cadres:cadre_account", args=[cadre.pk]) in page.content.decode()

    answer = officer_client.post(
        reverse("cadres:cadre_account", args=[cadre.pk]), {"username": "zhanggh", "password": ""}
    )

    assert answer.status_code == 200
    password = answer.context["password"]
    assert len(password) == 12 and password in answer.content.decode()
    cadre.refresh_from_db()
    assert cadre.account.username == "zhanggh"
    assert (cadre.account.last_name, cadre.account.first_name) == ("张", "国华")
    assert cadre.account.check_password(password)
    assert cadre.history.first().history_user.username == "alice"
    again = officer_client.get(reverse("cadres:cadre_account", args=[cadre.pk]))
    assert again.status_code == 302
    assert (
        password not in officer_client.get(reverse("cadres:cadre_detail", args=[cadre.pk])).content.decode()
    )


def test_a_login_name_already_taken_is_refused_at_its_field(officer_client, cadre, leader_a):
    answer = officer_client.post(reverse("cadres:cadre_account", args=[cadre.pk]), {"username": "BOB"})

    assert answer.status_code == 200
    assert "username" in answer.context["form"].errors
    cadre.refresh_from_db()
    assert cadre.account is None


def test_a_weak_password_set_by_staff_is_refused(officer_client, cadre):
    answer = officer_client.post(
        reverse("cadres:cadre_account", args=[cadre.pk]), {"username": "zhanggh", "password": "12345678"}
    )

    assert "password" in answer.context["form"].errors
    cadre.refresh_from_db()
    assert cadre.account is None


def test_a_cadre_has_one_login_only(own_login, placed_in_a, officer):
    from guazhi.workflow import TransitionError

    with pytest.raises(TransitionError):
        services.give_account(cadre=placed_in_a.cadre, username="another", actor=officer)


def test_the_cadre_home_page_is_my_secondment_with_their_term(own_login, placed_in_a):
    page = client_for(own_login).get(reverse("home"))

    text = page.content.decode()
    assert "我的挂职" in text
    assert placed_in_a.get_absolute_url() in text
    assert "县财政局" in text and "副局长" in text


def test_a_cadre_gets_404_for_another_cadre_and_their_term(own_login, other_placed):
    client = client_for(own_login)

    assert client.get(reverse("cadres:cadre_detail", args=[other_placed.cadre.pk])).status_code == 404
    assert client.get(other_placed.get_absolute_url()).status_code == 404
    assert client.get(reverse("assignments:secondment_list")).status_code == 404
    assert client.get(reverse("cadres:unit_detail", args=[other_placed.current_unit_id])).status_code == 404


def test_the_cadre_sees_their_own_term_and_page(own_login, placed_in_a):
    client = client_for(own_login)

    assert client.get(placed_in_a.get_absolute_url()).status_code == 200
    assert client.get(reverse("cadres:cadre_detail", args=[placed_in_a.cadre_id])).status_code == 200


def _talk(secondment, officer):
    return assignment_services.record_talk(
        secondment=secondment,
        date=TERM_START + datetime.timedelta(days=4),
        kind=TalkKind.ARRIVAL,
        talker="李干事",
        talker_role=TalkerRole.ORG_DEPARTMENT,
        issues_thinking="思想上略有顾虑的记录",
        actor=officer,
    )


def test_the_cadre_sees_talks_held_with_them_but_not_the_notes(own_login, placed_in_a, officer):
    _talk(placed_in_a, officer)

    text = client_for(own_login).get(placed_in_a.get_absolute_url()).content.decode()

    assert "李干事" in text
    assert "思想上略有顾虑的记录" not in text


def test_a_setting_lets_the_cadre_read_the_notes(own_login, placed_in_a, officer, settings):
    settings.GUAZHI = {**settings.GUAZHI, "CADRES_READ_TALK_NOTES": True}
    _talk(placed_in_a, officer)

    text = client_for(own_login).get(placed_in_a.get_absolute_url()).content.decode()

    assert "思想上略有顾虑的记录" in text


def test_the_cadre_sees_their_appraisal_only_once_confirmed(own_login, placed_in_a, make_round, officer):
    appraisal = make_round().appraisals.get(secondment=placed_in_a)
    client = client_for(own_login)
    url = reverse("evaluations:appraisal_detail", args=[appraisal.pk])

    assert client.get(url).status_code == 404
    evaluation_services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    assert client.get(url).status_code == 404
    evaluation_services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("home")).content.decode()


def test_the_cadre_requests_leave_and_it_goes_to_the_receiving_unit_leader(own_login, placed_in_a, leader_a):
    from assignments.choices import ApprovalTier, LeaveKind, LeaveStatus
    from assignments.models import Leave
    from assignments.permissions import decidable_leave
    from conftest import day

    client = client_for(own_login)
    assert (
        reverse("assignments:leave_create", args=[placed_in_a.pk])
        in client.get(placed_in_a.get_absolute_url()).content.decode()
    )

    answer = client.post(
        reverse("assignments:leave_create", args=[placed_in_a.pk]),
        {"kind": LeaveKind.PERSONAL, "start_date": day(3).isoformat(), "end_date": day(4).isoformat()},
    )

    assert answer.url == placed_in_a.get_absolute_url()
    leave = Leave.objects.get()
    assert (leave.status, leave.requested_by, leave.approval_tier) == (
        LeaveStatus.REQUESTED,
        own_login,
        ApprovalTier.RECEIVING_UNIT,
    )
    assert Leave.objects.filter(decidable_leave(leader_a), pk=leave.pk).exists()
    decide = reverse("assignments:leave_decide", args=[placed_in_a.pk, leave.pk])
    assert client.get(decide).status_code == 403
    assert client_for(leader_a).get(decide).status_code == 200


def test_a_cadre_in_a_unit_with_no_leader_requests_leave_without_the_staff_warning(own_login, placed_in_a):
    from assignments.choices import LeaveKind
    from assignments.models import Leave
    from conftest import day

    answer = client_for(own_login).post(
        reverse("assignments:leave_create", args=[placed_in_a.pk]),
        {"kind": LeaveKind.PERSONAL, "start_date": day(3).isoformat(), "end_date": day(4).isoformat()},
    )

    assert answer.status_code == 302 and Leave.objects.get().requested_by == own_login


def test_a_cadre_cannot_request_leave_on_another_cadres_term(own_login, other_placed):
    url = reverse("assignments:leave_create", args=[other_placed.pk])

    assert client_for(own_login).get(url).status_code == 404


@pytest.fixture
def under_review(make_review, make_cadre, make_post, officer):
    """A cadre of unit A in their end-of-term review, signed in with their own login."""
    review = make_review(
        make_cadre("王建国", birth_date=datetime.date(1979, 5, 6)), make_post(title="局长助理")
    )
    services.give_account(cadre=review.secondment.cadre, username="wangjianguo", actor=officer)
    review.secondment.cadre.refresh_from_db()
    return review


def test_the_cadre_writes_their_self_summary_and_it_is_in_the_appraisal_form(under_review, officer_client):
    import io

    import docx

    client = client_for(under_review.secondment.cadre.account)
    home = client.get(reverse("home")).content.decode()
    url = reverse("evaluations:my_self_summary", args=[under_review.pk])
    assert url in home

    answer = client.post(url, {"text": "两年来，我主持“*药业”企业服务协调工作。"})

    assert answer.url == reverse("home")
    under_review.refresh_from_db()
    assert under_review.self_summary == "两年来，我主持“*药业”企业服务协调工作。"
    assert under_review.secondment.events.order_by("id").last().actor == under_review.secondment.cadre.account
    printed = officer_client.get(reverse("evaluations:review_print", args=[under_review.pk])).content.decode()
    assert "主持“*药业”企业服务协调工作" in printed
    download = officer_client.get(reverse("evaluations:review_download", args=[under_review.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
    assert "主持“*药业”企业服务协调工作" in text
    assert client.get(reverse("evaluations:review_detail", args=[under_review.pk])).status_code == 404


def test_the_self_summary_is_closed_once_the_review_moves_on(under_review, officer):
    from evaluations import services as review_services

    review_services.record_democratic_rating(
        review=under_review,
        raters=20,
        votes={"excellent": 8, "competent": 12},
        rated_on=TERM_START,
        actor=officer,
    )
    review_services.file_appraisal(appraisal=under_review.appraisal, data=FILLED_APPRAISAL, actor=officer)
    review_services.confirm_appraisal(appraisal=under_review.appraisal, actor=second_officer())
    review_services.record_self_summary(review=under_review, text="个人总结", actor=officer)
    review_services.record_org_opinion(
        review=under_review, opinion="同意。", final_grade="competent", actor=officer
    )
    url = reverse("evaluations:my_self_summary", args=[under_review.pk])

    assert client_for(under_review.secondment.cadre.account).get(url).status_code == 404


def test_a_cadre_cannot_write_another_cadres_self_summary(under_review, own_login):
    url = reverse("evaluations:my_self_summary", args=[under_review.pk])

    assert client_for(own_login).get(url).status_code == 404
