"""Units nobody answers for: on the dashboard, in the reminders, in one query, and empty in the demo."""

import datetime

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadres.models import UnitMembership
from conftest import local_time
from oversight.reminders import build_digest
from oversight.unit_watch import unanswered_units


def names(found):
    return {key: [unit.name for unit in units] for key, units in found.items()}


def test_a_unit_hosting_a_cadre_without_a_leader_and_a_sender_without_a_liaison_are_named(placed_in_a):
    assert names(unanswered_units()) == {"no_leader": ["县财政局"], "no_liaison": ["省财政厅"]}


def test_a_leader_and_a_liaison_clear_them_and_a_deactivated_leader_does_not(placed_in_a, leader_a, liaison):
    assert names(unanswered_units()) == {"no_leader": [], "no_liaison": []}
    leader_a.is_active = False
    leader_a.save()
    assert names(unanswered_units()) == {"no_leader": ["县财政局"], "no_liaison": []}


def test_units_without_cadres_are_not_listed(unit_a, unit_b, sending_unit):
    assert names(unanswered_units()) == {"no_leader": [], "no_liaison": []}


def test_removing_a_units_leader_puts_it_on_the_dashboard(placed_in_a, leader_a, liaison, officer_client):
    html = officer_client.get("/").content.decode()
    assert 'data-unit-watch="no_leader"' in html and "有干部但无单位领导账号的接收单位" in html
    assert reverse("cadres:unit_detail", args=[placed_in_a.current_unit_id]) not in html
    UnitMembership.objects.filter(user=leader_a).delete()
    html = officer_client.get("/").content.decode()
    assert reverse("cadres:unit_detail", args=[placed_in_a.current_unit_id]) in html


def test_the_unit_watch_is_one_query_whatever_the_number_of_units(make_secondment, make_cadre, make_post):
    from cadres.models import Unit

    def queries():
        with CaptureQueriesContext(connection) as captured:
            unanswered_units()
        return len(captured)

    for index in range(5):
        unit = Unit.objects.create(name=f"单位{index}", tier="county", receives=True)
        cadre = make_cadre(f"李{index}", birth_date=datetime.date(1970 + index, 1, 1))
        make_secondment(cadre, "in_post", post=make_post(unit=unit, title=f"岗位{index}"))
    assert queries() == 1
    assert len(unanswered_units()["no_leader"]) == 5


def test_staff_are_reminded_of_units_nobody_answers_for_and_leaders_are_not(placed_in_a, officer, leader_b):
    today = placed_in_a.term_start
    digest = build_digest(officer, today, local_time(today, 7, 30))
    assert [section.watch.key for section in digest.unit_sections] == ["no_leader", "no_liaison"]
    assert digest.unit_sections[0].items[0].name == "县财政局"
    assert "【有干部但无单位领导账号的接收单位】" in digest.body(today)
    assert build_digest(leader_b, today, local_time(today, 7, 30)) is None


def test_in_the_demo_every_unit_with_a_cadre_has_a_leader_or_a_liaison(db):
    call_command("seed_demo", force=True)
    assert names(unanswered_units()) == {"no_leader": [], "no_liaison": []}
