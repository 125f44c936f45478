"""Opening a round, placing a cadre or recording leave for a unit with no leader warns, naming the
unit, and goes on only once confirmed."""

from django.urls import reverse

from assignments.choices import LeaveKind
from assignments.models import Assignment, Leave
from conftest import ROUND_DUE, ROUND_PERIOD, TERM_START, day
from evaluations.models import AppraisalRound

WARNING = "没有单位领导账号"
GO_ON = {"go_on_without_leader": "1"}


def round_form():
    return {
        "title": "2026年度考核",
        "kind": "annual",
        "period_start": ROUND_PERIOD[0].isoformat(),
        "period_end": ROUND_PERIOD[1].isoformat(),
        "due_date": ROUND_DUE.isoformat(),
    }


def test_opening_a_round_for_a_unit_without_a_leader_warns_and_opens_once_confirmed(
    officer_client, placed_in_a
):
    url = reverse("evaluations:round_create")
    response = officer_client.post(url, round_form())
    html = response.content.decode()
    assert response.status_code == 200 and WARNING in html and "县财政局" in html
    assert 'name="go_on_without_leader"' in html and 'value="2026年度考核"' in html
    assert not AppraisalRound.objects.exists()
    response = officer_client.post(url, {**round_form(), **GO_ON})
    assert response.status_code == 302 and AppraisalRound.objects.get().appraisals.count() == 1


def test_a_round_for_units_with_leaders_opens_without_a_warning(officer_client, placed_in_a, leader_a):
    assert officer_client.post(reverse("evaluations:round_create"), round_form()).status_code == 302


def test_placing_a_cadre_in_a_unit_without_a_leader_warns_first(officer_client, make_secondment, cadre, post):
    waiting = make_secondment(cadre, "awaiting_post")
    url = reverse("assignments:secondment_assign", args=[waiting.pk]) + f"?post={post.pk}"
    data = {"start_date": TERM_START.isoformat(), "title": post.title, "duties": "", "fit_reason": "县里急需"}
    html = officer_client.post(url, data).content.decode()
    assert WARNING in html and "县财政局" in html and not Assignment.objects.exists()
    assert officer_client.post(url, {**data, **GO_ON}).status_code == 302
    assert Assignment.objects.get().secondment == waiting


def test_accepting_a_plan_line_for_a_unit_without_a_leader_warns_first(
    officer_client, make_secondment, cadre, post
):
    waiting = make_secondment(cadre, "awaiting_post")
    url = reverse("assignments:batch_plan_accept")
    data = {
        "start_date": TERM_START.isoformat(),
        "line": [f"{waiting.pk}:{post.pk}"],
        f"reason-{waiting.pk}-{post.pk}": "县里急需",
    }
    html = officer_client.post(url, data).content.decode()
    assert WARNING in html and "县财政局" in html and not Assignment.objects.exists()
    assert f'value="{waiting.pk}:{post.pk}"' in html
    officer_client.post(url, {**data, **GO_ON})
    assert Assignment.objects.get().secondment == waiting


def test_recording_leave_for_a_cadre_in_a_unit_without_a_leader_warns_first(officer_client, placed_in_a):
    url = reverse("assignments:leave_create", args=[placed_in_a.pk])
    data = {"kind": LeaveKind.ANNUAL, "start_date": day(4).isoformat(), "end_date": day(5).isoformat()}
    html = officer_client.post(url, data).content.decode()
    assert WARNING in html and "县财政局" in html and not Leave.objects.exists()
    officer_client.post(url, {**data, **GO_ON})
    assert Leave.objects.get().secondment == placed_in_a


def test_moving_a_cadre_to_a_post_in_a_unit_without_a_leader_warns_first(
    officer_client, placed_in_a, leader_a, make_post, unit_b
):
    other = make_post(unit=unit_b, title="副镇长")
    url = reverse("assignments:secondment_reassign", args=[placed_in_a.pk])
    data = {"post": other.pk, "start_date": day(0).isoformat(), "title": "副镇长", "duties": "", "note": ""}
    html = officer_client.post(url, data).content.decode()
    assert WARNING in html and "青山镇" in html
    assert placed_in_a.assignments.count() == 1
    officer_client.post(url, {**data, **GO_ON})
    assert placed_in_a.assignments.count() == 2
