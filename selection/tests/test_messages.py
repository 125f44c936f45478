"""沟通磋商: a thread per nomination, read by its three parties only, unread marks for the others."""

import pytest
from django.urls import reverse

from cadres.choices import MembershipRole
from cadres.models import UnitMembership
from conftest import _user, client_for
from selection import services
from selection.selectors import unread_threads


@pytest.fixture
def nomination(cycle_with_need, sending_unit, liaison, cadre):
    _cycle, need = cycle_with_need
    return services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison
    )


@pytest.fixture
def other_liaison(other_sending_unit):
    user = _user("erin")
    UnitMembership.objects.create(user=user, unit=other_sending_unit, role=MembershipRole.LIAISON)
    return user


def test_a_liaisons_message_is_unread_for_staff_and_the_leader_until_they_open_the_need(
    nomination, liaison, officer, leader_a, leader_b, other_liaison
):
    client_for(liaison).post(
        reverse("selection:nomination_message", args=[nomination.pk]), {"text": "该同志可提前到岗"}
    )
    assert unread_threads(officer) == [(nomination.need, 1)]
    assert unread_threads(leader_a) == [(nomination.need, 1)]
    assert unread_threads(liaison) == []
    assert unread_threads(leader_b) == [] and unread_threads(other_liaison) == []
    home = client_for(officer).get(reverse("home")).content.decode()
    assert nomination.need.get_absolute_url() in home
    page = client_for(officer).get(nomination.need.get_absolute_url()).content.decode()
    assert "该同志可提前到岗" in page
    assert unread_threads(officer) == []
    assert unread_threads(leader_a) == [(nomination.need, 1)]


def test_no_one_outside_the_three_parties_reads_or_writes_the_thread(
    nomination, liaison, other_liaison, leader_b
):
    services.post_message(nomination=nomination, text="请补充材料", actor=liaison)
    for outsider in (other_liaison, leader_b):
        client = client_for(outsider)
        response = client.post(reverse("selection:nomination_message", args=[nomination.pk]), {"text": "x"})
        assert response.status_code == 404
    assert nomination.messages.count() == 1


def test_a_message_with_a_null_character_is_refused_in_chinese_and_nothing_is_written(nomination, liaison):
    from selection.models import Message

    response = client_for(liaison).post(
        reverse("selection:nomination_message", args=[nomination.pk]), {"text": "提前\x00到岗"}, follow=True
    )
    assert response.status_code == 200 and "空字符" in response.content.decode()
    assert not Message.objects.exists()
