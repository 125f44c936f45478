import datetime

import pytest
from django.urls import reverse

from assignments import services
from assignments.choices import ApprovalTier, LeaveKind, LeaveStatus
from assignments.models import Leave
from assignments.selectors import attendance
from conftest import TODAY, client_for, day, local_time
from guazhi.workflow import TransitionError
from oversight.watch import watch_queryset


@pytest.fixture
def serving(make_secondment, cadre, post):
    """In post in unit A for the last 100 days of a two-year term, sent by the liaison's unit."""
    return make_secondment(cadre, "in_post", post=post, start=day(-100))


def ask(secondment, actor, start, end, kind=LeaveKind.PERSONAL):
    return services.request_leave(
        secondment=secondment, kind=kind, start_date=start, end_date=end, actor=actor
    )


@pytest.mark.parametrize(
    "days, tier",
    [
        (1, ApprovalTier.RECEIVING_UNIT),
        (3, ApprovalTier.RECEIVING_UNIT),
        (4, ApprovalTier.COUNTY),
        (7, ApprovalTier.COUNTY),
        (8, ApprovalTier.SENDING_SIDE),
    ],
)
def test_the_days_decide_who_approves(serving, officer, days, tier):
    leave = ask(serving, officer, day(1), day(days))
    assert (leave.days, leave.approval_tier) == (days, tier)


def test_the_tier_thresholds_are_settings(serving, officer, settings):
    settings.GUAZHI = {**settings.GUAZHI, "LEAVE_UNIT_MAX_DAYS": 1, "LEAVE_COUNTY_MAX_DAYS": 2}
    assert ask(serving, officer, day(1), day(3)).approval_tier == ApprovalTier.SENDING_SIDE


def test_the_leader_of_the_current_unit_records_a_request_and_the_liaison_may_not(serving, leader_a, liaison):
    url = reverse("assignments:leave_create", args=[serving.pk])
    data = {"kind": LeaveKind.SICK, "start_date": day(1).isoformat(), "end_date": day(2).isoformat()}
    assert client_for(liaison).post(url, data).status_code == 403
    response = client_for(leader_a).post(url, data)
    assert response.url == serving.get_absolute_url()
    leave = Leave.objects.get()
    assert (leave.status, leave.requested_by) == (LeaveStatus.REQUESTED, leader_a)
    assert serving.events.filter(action="leave").exists()


def test_overlapping_leave_for_one_cadre_is_refused(serving, officer, officer_client, leader_a):
    ask(serving, officer, day(5), day(7))
    with pytest.raises(TransitionError, match="已有请假"):
        ask(serving, officer, day(7), day(9))
    url = reverse("assignments:leave_create", args=[serving.pk])
    data = {"kind": LeaveKind.ANNUAL, "start_date": day(4).isoformat(), "end_date": day(5).isoformat()}
    response = officer_client.post(url, data, follow=True)
    assert "已有请假" in response.content.decode()
    assert Leave.objects.count() == 1


def test_cancelled_or_refused_leave_does_not_block_a_new_request(serving, officer):
    first = ask(serving, officer, day(5), day(7))
    services.cancel_leave(leave=first, actor=officer)
    second = ask(serving, officer, day(5), day(7))
    services.reject_leave(leave=second, actor=officer, reason="工作安排冲突")
    assert ask(serving, officer, day(5), day(7)).status == LeaveStatus.REQUESTED


def test_leave_outside_the_term_is_refused(serving, officer):
    with pytest.raises(TransitionError):
        ask(serving, officer, day(-200), day(-199))
    with pytest.raises(TransitionError):
        ask(serving, officer, serving.term_end, serving.term_end + datetime.timedelta(days=1))
    with pytest.raises(TransitionError):
        ask(serving, officer, day(3), day(2))


def test_the_receiving_unit_leader_approves_short_leave_but_not_the_county_s(serving, officer, leader_a):
    short = ask(serving, officer, day(1), day(2))
    longer = ask(serving, officer, day(10), day(15))
    client = client_for(leader_a)
    assert (
        client.post(
            reverse("assignments:leave_decide", args=[serving.pk, longer.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    client.post(reverse("assignments:leave_decide", args=[serving.pk, short.pk]), {"decision": "approve"})
    short.refresh_from_db()
    assert (short.status, short.approver, short.decided_on) == (LeaveStatus.APPROVED, leader_a, day(0))


def test_staff_approve_county_leave(serving, officer, officer_client):
    leave = ask(serving, officer, day(10), day(15))
    officer_client.post(
        reverse("assignments:leave_decide", args=[serving.pk, leave.pk]),
        {"decision": "approve", "note": "同意"},
    )
    leave.refresh_from_db()
    assert (leave.status, leave.decision_note) == (LeaveStatus.APPROVED, "同意")


def test_refusing_needs_a_reason(serving, officer, officer_client):
    leave = ask(serving, officer, day(1), day(2))
    url = reverse("assignments:leave_decide", args=[serving.pk, leave.pk])
    response = officer_client.post(url, {"decision": "refuse", "note": ""})
    assert response.context["form"].errors["note"]
    officer_client.post(url, {"decision": "refuse", "note": "防汛值班期间"})
    leave.refresh_from_db()
    assert (leave.status, leave.decision_note) == (LeaveStatus.REJECTED, "防汛值班期间")


def test_the_liaison_approves_long_leave_for_the_sending_side(serving, officer, liaison, officer_client):
    leave = ask(serving, officer, day(10), day(25), kind=LeaveKind.FAMILY_VISIT)
    decide = reverse("assignments:leave_decide", args=[serving.pk, leave.pk])
    assert officer_client.post(decide, {"decision": "approve"}).status_code == 403
    client_for(liaison).post(decide, {"decision": "approve"})
    leave.refresh_from_db()
    assert (leave.status, leave.approver) == (LeaveStatus.APPROVED, liaison)


def test_staff_record_the_sending_side_s_approval_given_outside_the_system(serving, officer, officer_client):
    leave = ask(serving, officer, day(10), day(25))
    url = reverse("assignments:leave_outside_decision", args=[serving.pk, leave.pk])
    officer_client.post(
        url, {"approved": "yes", "approver_name": "省财政厅人事处处长 李华", "decided_on": day(0).isoformat()}
    )
    leave.refresh_from_db()
    assert (leave.status, leave.approver, leave.approver_name) == (
        LeaveStatus.APPROVED,
        None,
        "省财政厅人事处处长 李华",
    )


def test_a_decided_request_is_not_decided_again(serving, officer, officer_client):
    leave = ask(serving, officer, day(1), day(2))
    services.approve_leave(leave=leave, actor=officer)
    with pytest.raises(TransitionError):
        services.reject_leave(leave=leave, actor=officer, reason="重复")
    response = officer_client.get(
        reverse("assignments:leave_decide", args=[serving.pk, leave.pk]), follow=True
    )
    assert "已不在待审批状态" in response.content.decode()


def test_reporting_back_on_time_is_not_an_overstay(serving, officer, leader_a):
    leave = ask(serving, officer, day(-5), day(-3))
    services.approve_leave(leave=leave, actor=officer)
    url = reverse("assignments:leave_report_back", args=[serving.pk, leave.pk])
    client_for(leader_a).post(url, {"date": day(-2).isoformat()})
    leave.refresh_from_db()
    assert leave.reported_back_on == day(-2)
    assert not leave.overstayed


def test_leave_not_reported_back_is_flagged_until_the_cadre_reports_back(serving, officer, officer_client):
    leave = services.approve_leave(leave=ask(serving, officer, day(-10), day(-6)), actor=officer)
    assert leave.overstayed
    assert serving in watch_queryset(officer, "leave_not_back")
    assert "超期未销假" in officer_client.get(serving.get_absolute_url()).content.decode()

    url = reverse("assignments:leave_report_back", args=[serving.pk, leave.pk])
    officer_client.post(url, {"date": day(0).isoformat()})
    leave.refresh_from_db()
    assert leave.overstayed  # back, but late
    assert serving not in watch_queryset(officer, "leave_not_back")
    assert "超假5天" in serving.events.filter(action="leave").first().note


def test_the_day_after_the_leave_is_not_yet_an_overstay(serving, officer):
    leave = services.approve_leave(leave=ask(serving, officer, day(-3), day(-1)), actor=officer)
    assert leave.awaiting_return and not leave.overstayed
    assert serving not in watch_queryset(officer, "leave_not_back")


def test_the_liaison_may_not_record_a_return(serving, officer, liaison):
    leave = ask(serving, officer, day(-3), day(-1))
    services.approve_leave(leave=leave, actor=officer)
    url = reverse("assignments:leave_report_back", args=[serving.pk, leave.pk])
    assert client_for(liaison).post(url, {"date": day(0).isoformat()}).status_code == 403


def test_leave_that_has_begun_cannot_be_cancelled(serving, officer, officer_client):
    leave = ask(serving, officer, day(-1), day(1))
    services.approve_leave(leave=leave, actor=officer)
    response = officer_client.post(
        reverse("assignments:leave_cancel", args=[serving.pk, leave.pk]), follow=True
    )
    assert "该请假已开始" in response.content.decode()
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED


def test_the_secondment_page_shows_attendance_for_a_chosen_period(serving, officer, officer_client):
    leave = ask(serving, officer, day(-10), day(-8), kind=LeaveKind.SICK)
    services.approve_leave(leave=leave, actor=officer)
    services.report_back(leave=leave, reported_back_on=day(-7), actor=officer)
    response = officer_client.get(serving.get_absolute_url())
    shown = response.context["attendance"]
    assert shown.leave_days_by_kind[LeaveKind.SICK] == 3
    assert shown.days_away == attendance(serving).days_away == 3

    period = {"att-start": day(-9).isoformat(), "att-end": day(-9).isoformat()}
    shown = officer_client.get(serving.get_absolute_url(), period).context["attendance"]
    assert (shown.days, shown.days_away) == (1, 1)


def test_a_bad_attendance_period_falls_back_to_the_term_so_far(serving, officer_client):
    response = officer_client.get(serving.get_absolute_url(), {"att-start": "昨天", "att-end": "2025-01-01"})
    assert response.status_code == 200
    assert response.context["attendance"].start == serving.term_start
    assert "以下为挂职开始至今的统计" in response.content.decode()


def test_the_leader_of_another_unit_cannot_reach_the_leave(serving, officer, leader_b):
    leave = ask(serving, officer, day(1), day(2))
    url = reverse("assignments:leave_decide", args=[serving.pk, leave.pk])
    assert client_for(leader_b).post(url, {"decision": "approve"}).status_code == 404


def test_an_overstay_begins_at_midnight_beijing_time_not_midnight_utc(serving, officer, time_machine):
    services.approve_leave(leave=ask(serving, officer, day(-3), day(-1)), actor=officer)
    # Due back today: late tonight it is not an overstay yet.
    time_machine.move_to(local_time(TODAY, 23, 30))
    assert not Leave.objects.get().overstayed
    assert serving not in watch_queryset(officer, "leave_not_back")
    # At 00:30 tomorrow it is, though in UTC it is still today.
    time_machine.move_to(local_time(day(1), 0, 30))
    assert Leave.objects.get().overstayed
    assert serving in watch_queryset(officer, "leave_not_back")


def test_reporting_back_just_after_midnight_is_on_that_day_and_in_time(serving, officer, time_machine):
    leave = services.approve_leave(leave=ask(serving, officer, day(-2), day(0)), actor=officer)
    time_machine.move_to(local_time(day(1), 0, 30))
    url = reverse("assignments:leave_report_back", args=[serving.pk, leave.pk])
    client_for(officer).post(url, {"date": day(1).isoformat()})
    leave.refresh_from_db()
    assert leave.reported_back_on == day(1)
    assert not leave.overstayed
