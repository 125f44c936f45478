"""Cadres, units and memberships change only through cadres.services, each change kept in the
history under the user who made it, from the pages and the administration alike."""

import datetime

import pytest
from django.urls import reverse

from cadres import services
from cadres.choices import MembershipRole, UnitTier
from cadres.models import Cadre, Unit, UnitMembership
from conftest import make_id_number
from guazhi.workflow import TransitionError

from .test_cadre_pages import cadre_post_data


def test_a_cadre_added_on_the_page_is_in_the_history_under_the_officer(officer_client, officer, sending_unit):
    officer_client.post(reverse("cadres:cadre_create"), cadre_post_data(sending_unit))
    record = Cadre.history.get()
    assert (record.history_type, record.history_user) == ("+", officer)


def test_a_cadre_changed_on_the_page_keeps_the_change_and_who_made_it(officer_client, officer, make_cadre):
    cadre = make_cadre("张国华")
    data = cadre_post_data(cadre.home_unit, name="张国强", id_number=cadre.id_number, birth_date="1980.04")
    response = officer_client.post(reverse("cadres:cadre_edit", args=[cadre.pk]), data)
    assert response.status_code == 302
    cadre.refresh_from_db()
    assert (cadre.name, cadre.name_initials) == ("张国强", "zgq")
    latest = cadre.history.first()
    assert (latest.history_type, latest.history_user, latest.name) == ("~", officer, "张国强")


def test_an_id_number_taken_meanwhile_is_refused_and_nothing_is_written(officer, make_cadre, sending_unit):
    taken = make_cadre("张国华")
    with pytest.raises(TransitionError) as refused:
        services.create_cadre(
            actor=officer,
            name="李明轩",
            gender="male",
            birth_date=taken.birth_date,
            political_status="01",
            home_unit=sending_unit,
            id_number=taken.id_number,
        )
    assert refused.value.fields == {"id_number": "已有干部使用该身份证号。"}
    assert list(Cadre.objects.values_list("name", flat=True)) == ["张国华"]


def test_a_unit_added_and_renamed_on_the_pages_keeps_its_history(officer_client, officer):
    officer_client.post(reverse("cadres:unit_create"), {"name": "县发改局", "tier": UnitTier.COUNTY})
    unit = Unit.objects.get(name="县发改局")
    officer_client.post(
        reverse("cadres:unit_edit", args=[unit.pk]),
        {"name": "县发展和改革局", "tier": UnitTier.COUNTY, "receives": "on"},
    )
    unit.refresh_from_db()
    assert (unit.name, unit.receives) == ("县发展和改革局", True)
    assert [(r.history_type, r.history_user) for r in unit.history.order_by("history_id")] == [
        ("+", officer),
        ("~", officer),
    ]


def test_a_membership_added_then_ended_stays_in_the_history(officer, unit_a):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="erin", password="x-pass-9876")
    membership = services.add_membership(user=user, unit=unit_a, role=MembershipRole.LEADER, actor=officer)
    services.end_membership(membership=membership, actor=officer)
    assert not UnitMembership.objects.exists()
    history = UnitMembership.history.filter(user=user).order_by("history_id")
    assert [(r.history_type, r.unit_id, r.history_user) for r in history] == [
        ("+", unit_a.pk, officer),
        ("-", unit_a.pk, officer),
    ]


def test_the_same_membership_twice_is_refused(officer, leader_a, unit_a):
    with pytest.raises(TransitionError):
        services.add_membership(user=leader_a, unit=unit_a, role=MembershipRole.LEADER, actor=officer)
    assert UnitMembership.objects.filter(user=leader_a).count() == 1


def test_an_administrator_adds_a_cadre_through_the_service(admin_client, admin_user, sending_unit, specialty):
    birth = datetime.date(1983, 5, 6)
    data = {
        "name": "李立新",
        "gender": "male",
        "birth_date": birth.isoformat(),
        "ethnicity": "01",
        "political_status": "01",
        "id_number": make_id_number(birth),
        "home_unit": sending_unit.pk,
        "specialties": [specialty.pk],
    }
    response = admin_client.post(reverse("admin:cadres_cadre_add"), data)
    assert response.status_code == 302
    cadre = Cadre.objects.get()
    assert (cadre.name_initials, list(cadre.specialties.all())) == ("llx", [specialty])
    assert cadre.history.get().history_user == admin_user


def test_an_administrator_gives_and_takes_a_units_membership_with_history(admin_client, admin_user, unit_a):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="erin", password="x-pass-9876")
    change = reverse("admin:cadres_unit_change", args=[unit_a.pk])
    unit_fields = {"name": unit_a.name, "tier": unit_a.tier, "receives": "on"}
    inline = {"memberships-INITIAL_FORMS": "0", "memberships-TOTAL_FORMS": "1"}
    response = admin_client.post(
        change,
        {**unit_fields, **inline, "memberships-0-user": user.pk, "memberships-0-role": MembershipRole.LEADER},
    )
    assert response.status_code == 302
    membership = UnitMembership.objects.get(user=user)
    admin_client.post(
        change,
        {
            **unit_fields,
            "memberships-INITIAL_FORMS": "1",
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-unit": unit_a.pk,
            "memberships-0-user": user.pk,
            "memberships-0-role": MembershipRole.LEADER,
            "memberships-0-DELETE": "on",
        },
    )
    assert not UnitMembership.objects.filter(user=user).exists()
    history = UnitMembership.history.filter(user=user).order_by("history_id")
    assert [(r.history_type, r.history_user) for r in history] == [("+", admin_user), ("-", admin_user)]
