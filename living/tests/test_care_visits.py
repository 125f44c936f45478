"""关怀走访: visits paid to the cadre, recorded like talks with who came; corrected or removed (after a
question) by those who record them; read by the liaison and the cadre."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments.models import SecondmentEvent
from cadres.services import give_account
from conftest import client_for, day, days_ago
from guazhi.workflow import TransitionError
from living import services
from living.choices import CareVisitKind
from living.models import CareVisit


def visit(secondment, actor, when=None, **fields):
    return services.record_care_visit(
        secondment=secondment,
        date=when or days_ago(5),
        kind=fields.pop("kind", CareVisitKind.FESTIVAL),
        visitors=fields.pop("visitors", "县委组织部副部长 李明华"),
        actor=actor,
        **fields,
    )


def test_a_leader_records_a_visit_with_who_came_and_it_shows_on_the_secondment_page(
    placed_in_a, leader_a, liaison
):
    answer = client_for(leader_a).post(
        reverse("living:visit_create", args=[placed_in_a.pk]),
        {
            "kind": CareVisitKind.HOME,
            "date": days_ago(3).isoformat(),
            "visitors": "县财政局局长 王志刚",
            "notes": "了解家中老人病情",
        },
    )

    assert answer.status_code == 302
    recorded = CareVisit.objects.get()
    assert (recorded.kind, recorded.visitors, recorded.recorded_by) == (
        CareVisitKind.HOME,
        "县财政局局长 王志刚",
        leader_a,
    )
    assert SecondmentEvent.objects.filter(secondment=placed_in_a, action="care_visit").exists()
    page = client_for(liaison).get(placed_in_a.get_absolute_url()).content.decode()
    assert "家访" in page and "县财政局局长 王志刚" in page and "了解家中老人病情" in page


def test_a_visit_in_the_future_or_without_visitors_is_refused_at_its_field(placed_in_a, officer_client):
    answer = officer_client.post(
        reverse("living:visit_create", args=[placed_in_a.pk]),
        {"kind": CareVisitKind.CALL, "date": day(1).isoformat(), "visitors": ""},
    )

    errors = answer.context["form"].errors
    assert "日期不能晚于今天" in errors["date"][0]
    assert errors["visitors"]
    assert not CareVisit.objects.exists()


def test_a_visit_before_the_cadre_reported_is_refused(placed_in_a, officer):
    with pytest.raises(TransitionError) as refusal:
        visit(placed_in_a, officer, when=placed_in_a.reported_on - datetime.timedelta(days=1))
    assert set(refusal.value.fields) == {"date"}


def test_a_visit_is_corrected_and_removed_after_a_question(placed_in_a, officer, officer_client):
    recorded = visit(placed_in_a, officer)
    edit = reverse("living:visit_edit", args=[placed_in_a.pk, recorded.pk])
    delete = reverse("living:visit_delete", args=[placed_in_a.pk, recorded.pk])

    page = officer_client.get(placed_in_a.get_absolute_url()).content.decode()
    assert f'action="{delete}" data-confirm=' in page
    officer_client.post(
        edit, {"kind": CareVisitKind.CALL, "date": days_ago(4).isoformat(), "visitors": "县委组织部 李干事"}
    )
    recorded.refresh_from_db()
    assert (recorded.kind, recorded.date, recorded.visitors) == (
        CareVisitKind.CALL,
        days_ago(4),
        "县委组织部 李干事",
    )

    assert officer_client.get(delete).status_code == 405
    assert officer_client.post(delete).status_code == 302
    assert not CareVisit.objects.exists()
    assert CareVisit.history.filter(history_type="-").count() == 1


def test_the_liaison_and_the_cadre_only_read_and_another_unit_does_not_see_the_visits(
    placed_in_a, officer, liaison, leader_b
):
    recorded = visit(placed_in_a, officer)
    own = give_account(cadre=placed_in_a.cadre, username="zhangguohua", actor=officer)[0].account
    create = reverse("living:visit_create", args=[placed_in_a.pk])
    edit = reverse("living:visit_edit", args=[placed_in_a.pk, recorded.pk])
    delete = reverse("living:visit_delete", args=[placed_in_a.pk, recorded.pk])

    for reader in (liaison, own):
        client = client_for(reader)
        assert "县委组织部副部长 李明华" in client.get(placed_in_a.get_absolute_url()).content.decode()
        assert [client.get(create).status_code, client.get(edit).status_code] == [403, 403]
        assert client.post(delete).status_code == 403
    outsider = client_for(leader_b)
    assert [outsider.get(create).status_code, outsider.get(edit).status_code] == [404, 404]
    assert outsider.post(delete).status_code == 404
    assert CareVisit.objects.count() == 1


def test_a_visit_of_another_term_is_404_under_this_one(
    placed_in_a, make_secondment, make_cadre, officer_client, officer
):
    other = make_secondment(make_cadre("李四"), "awaiting_post")
    recorded = visit(other, officer, when=other.reported_on)

    answer = officer_client.get(reverse("living:visit_edit", args=[placed_in_a.pk, recorded.pk]))

    assert answer.status_code == 404


def test_the_secondment_page_reads_the_same_number_of_queries_for_one_visit_and_for_twenty(
    placed_in_a, officer, officer_client
):
    visit(placed_in_a, officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(placed_in_a.get_absolute_url()).status_code == 200
        return len(captured)

    one = queries()
    for index in range(19):
        visit(placed_in_a, officer, when=days_ago(index + 6), visitors=f"走访人{index}")
    assert queries() == one
