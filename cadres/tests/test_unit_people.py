"""Staff manage the people of a unit from its page, without the administration."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cadres import services
from cadres.models import Account, UnitMembership
from conftest import client_for
from guazhi.workflow import TransitionError

NEW_PASSWORD = "Qingshan-2026-new"


def unit_page(client, unit) -> str:
    return client.get(reverse("cadres:unit_detail", args=[unit.pk])).content.decode()


def test_staff_open_a_login_for_a_new_leader_who_must_change_the_password_first(
    officer_client, unit_b, client
):
    url = reverse("cadres:unit_person_add", args=[unit_b.pk])
    response = officer_client.post(
        url,
        {
            "role": "leader",
            "who": "new",
            "username": "ld_qs",
            "family_name": "周",
            "given_name": "海燕",
            "email": "zhou@example.org",
            "password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="ld_qs")
    assert UnitMembership.objects.filter(user=user, unit=unit_b, role="leader").exists()
    html = unit_page(officer_client, unit_b)
    assert "周海燕" in html and "须修改密码" in html
    assert "为周海燕开设了账号" in html and "周海燕成为本单位的单位领导" in html

    assert client.post(reverse("login"), {"username": "ld_qs", "password": NEW_PASSWORD}).status_code == 302
    assert client.get("/").url == reverse("password_change")
    response = client.post(
        reverse("password_change"),
        {"old_password": NEW_PASSWORD, "new_password1": "Mine-own-2026x", "new_password2": "Mine-own-2026x"},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert not Account.objects.get(user=user).must_change_password


def test_an_existing_login_can_be_added_and_a_deactivated_one_cannot(officer_client, unit_b, leader_a):
    url = reverse("cadres:unit_person_add", args=[unit_b.pk])
    response = officer_client.post(url, {"role": "leader", "who": "existing", "existing_username": "bob"})
    assert response.status_code == 302
    assert UnitMembership.objects.filter(user=leader_a, unit=unit_b).exists()
    response = officer_client.post(url, {"role": "leader", "who": "existing", "existing_username": "nobody"})
    assert response.status_code == 200 and "nobody" in response.content.decode()


def test_a_login_already_taken_is_refused_at_the_field_and_nothing_is_made(officer_client, unit_b, leader_a):
    response = officer_client.post(
        reverse("cadres:unit_person_add", args=[unit_b.pk]),
        {
            "role": "leader",
            "who": "new",
            "username": "BOB",
            "family_name": "周",
            "given_name": "海燕",
            "password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "已被占用" in response.content.decode()
    assert not UnitMembership.objects.filter(unit=unit_b).exists()


def test_setting_a_new_password_makes_its_holder_change_it_at_the_next_login(
    officer_client, leader_a, unit_a
):
    membership = leader_a.memberships.get()
    url = reverse("cadres:unit_person_password", args=[unit_a.pk, membership.pk])
    response = officer_client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    leader_a.refresh_from_db()
    assert leader_a.check_password(NEW_PASSWORD)
    assert Account.objects.get(user=leader_a).must_change_password
    assert "王博的新密码已设置" in unit_page(officer_client, unit_a) or "设置了新密码" in unit_page(
        officer_client, unit_a
    )


def test_ending_the_last_leader_asks_first_and_says_the_unit_will_show_on_the_overview(
    officer_client, leader_a, unit_a
):
    membership = leader_a.memberships.get()
    url = reverse("cadres:unit_person_end", args=[unit_a.pk, membership.pk])
    page = officer_client.get(url).content.decode()
    assert "概览页" in page and UnitMembership.objects.filter(pk=membership.pk).exists()
    assert officer_client.post(url).status_code == 302
    assert not UnitMembership.objects.filter(pk=membership.pk).exists()
    assert "王博不再担任本单位的单位领导" in unit_page(officer_client, unit_a)


def test_a_deactivated_account_cannot_sign_in_and_is_marked_on_the_unit_page(
    officer_client, leader_a, unit_a
):
    membership = leader_a.memberships.get()
    url = reverse("cadres:unit_person_deactivate", args=[unit_a.pk, membership.pk])
    assert "王博" in officer_client.get(url).content.decode()
    assert officer_client.post(url).status_code == 302
    leader_a.refresh_from_db()
    assert not leader_a.is_active
    html = unit_page(officer_client, unit_a)
    assert "账号已停用" in html and "王博的账号已停用" in html
    assert (
        client_for(None).post(reverse("login"), {"username": "bob", "password": "x-pass-9876"}).status_code
        == 200
    )


def test_staff_accounts_are_not_managed_from_a_unit_page(officer, unit_a):
    other = get_user_model().objects.create_user("boss", password="x-pass-9876", is_superuser=True)
    with pytest.raises(TransitionError):
        services.deactivate_account(user=other, actor=officer)
    with pytest.raises(TransitionError):
        services.reset_password(user=officer, password=NEW_PASSWORD, actor=officer)


def test_a_membership_of_another_unit_is_not_found_under_this_one(officer_client, leader_a, unit_b):
    membership = leader_a.memberships.get()
    url = reverse("cadres:unit_person_end", args=[unit_b.pk, membership.pk])
    assert officer_client.get(url).status_code == 404


def test_leaders_cannot_manage_their_units_people(leader_a, unit_a):
    membership = leader_a.memberships.get()
    client = client_for(leader_a)
    assert client.get(reverse("cadres:unit_person_add", args=[unit_a.pk])).status_code == 404
    assert client.post(reverse("cadres:unit_person_end", args=[unit_a.pk, membership.pk])).status_code == 404
    assert UnitMembership.objects.filter(pk=membership.pk).exists()
    assert "新增单位领导或联络人" not in unit_page(client, unit_a)
