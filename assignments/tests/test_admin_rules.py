"""The administration cannot break what the workflow guarantees: an admin POST that would overfill
a post, move a held post or change a secondment's state, dates or placement changes nothing."""

import datetime

from django.urls import reverse

from assignments.models import Assignment, Leave, Post, Secondment
from assignments.services import request_leave


def _post_form(post: Post, **changes) -> dict:
    data = {
        "unit": post.unit_id,
        "title": post.title,
        "portfolio": post.portfolio,
        "expected_level": post.expected_level,
        "quota": post.quota,
        "reason": post.reason,
    }
    data.update(changes)
    return data


def test_an_administrator_cannot_lower_a_held_posts_quota_below_its_holders(admin_client, placed_in_a, post):
    post.quota = 2
    post.save()
    response = admin_client.post(
        reverse("admin:assignments_post_change", args=[post.pk]), _post_form(post, quota=0)
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.quota == 2


def test_an_administrator_cannot_move_a_held_post_to_another_unit(admin_client, placed_in_a, post, unit_b):
    admin_client.post(
        reverse("admin:assignments_post_change", args=[post.pk]), _post_form(post, unit=unit_b.pk)
    )
    post.refresh_from_db()
    assert post.unit_id == placed_in_a.current_unit_id != unit_b.pk


def test_the_post_admin_page_links_to_the_page_that_changes_unit_and_quota(admin_client, post):
    html = admin_client.get(reverse("admin:assignments_post_change", args=[post.pk])).content.decode()
    assert post.get_absolute_url() in html


def test_an_administrator_can_still_correct_a_posts_title(admin_client, placed_in_a, post):
    admin_client.post(
        reverse("admin:assignments_post_change", args=[post.pk]), _post_form(post, title="常务副局长")
    )
    post.refresh_from_db()
    assert post.title == "常务副局长"


def test_an_administrator_cannot_change_a_secondments_state_unit_dates_or_placement(
    admin_client, placed_in_a, unit_b
):
    secondment = Secondment.objects.get(pk=placed_in_a.pk)
    assignment = secondment.assignments.get()
    before = (secondment.status, secondment.current_unit_id, secondment.term_end, secondment.reported_on)
    events = secondment.events.count()
    data = {
        "sending_unit": secondment.sending_unit_id,
        "batch": "更正后的批次",
        "appointment_document": secondment.appointment_document,
        "status": "completed",
        "current_unit": unit_b.pk,
        "term_end": (secondment.term_end + datetime.timedelta(days=365)).isoformat(),
        "reported_on": secondment.term_start.isoformat(),
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "1",
        "assignments-0-id": assignment.pk,
        "assignments-0-secondment": secondment.pk,
        "assignments-0-end_date": secondment.term_start.isoformat(),
    }
    response = admin_client.post(reverse("admin:assignments_secondment_change", args=[secondment.pk]), data)
    assert response.status_code == 302
    secondment.refresh_from_db()
    assignment.refresh_from_db()
    assert (
        secondment.status,
        secondment.current_unit_id,
        secondment.term_end,
        secondment.reported_on,
    ) == before
    assert assignment.end_date is None
    assert secondment.batch == "更正后的批次"
    assert secondment.events.count() == events


def test_an_administrator_cannot_add_a_secondment_or_a_placement_behind_the_workflow(
    admin_client, placed_in_a
):
    assert admin_client.get(reverse("admin:assignments_secondment_add")).status_code == 403
    assert admin_client.get(reverse("admin:assignments_assignment_add")).status_code == 403
    assert Assignment.objects.count() == 1


def test_an_administrator_cannot_move_an_assignment_to_another_post(
    admin_client, placed_in_a, make_post, unit_b
):
    other = make_post(unit=unit_b, title="副镇长")
    assignment = placed_in_a.assignments.get()
    admin_client.post(
        reverse("admin:assignments_assignment_change", args=[assignment.pk]),
        {"post": other.pk, "title": assignment.title, "duties": assignment.duties},
    )
    assignment.refresh_from_db()
    assert assignment.post_id != other.pk


def test_an_administrator_cannot_approve_leave_or_move_its_dates(admin_client, placed_in_a, officer):
    day = placed_in_a.reported_on + datetime.timedelta(days=1)
    leave = request_leave(
        secondment=placed_in_a, kind="personal", start_date=day, end_date=day, actor=officer, reason="事假"
    )
    admin_client.post(
        reverse("admin:assignments_leave_change", args=[leave.pk]),
        {
            "kind": leave.kind,
            "reason": leave.reason,
            "status": "approved",
            "end_date": (day + datetime.timedelta(days=30)).isoformat(),
            "decision_note": "",
        },
    )
    leave = Leave.objects.get(pk=leave.pk)
    assert (leave.status, leave.end_date) == ("requested", day)
