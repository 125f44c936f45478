"""沟通磋商 on a need itself, before anyone is nominated: read by whoever reads the need."""

import pytest
from django.urls import reverse

from cadres.choices import MembershipRole
from cadres.models import UnitMembership
from conftest import _user, client_for
from selection import services
from selection.models import Message
from selection.selectors import unread_threads


@pytest.fixture
def other_liaison(other_sending_unit):
    user = _user("erin")
    UnitMembership.objects.create(user=user, unit=other_sending_unit, role=MembershipRole.LIAISON)
    return user


def test_a_leaders_question_on_a_need_is_unread_for_staff_and_the_liaisons_until_they_open_it(
    make_cycle, unit_a, post, sending_unit, liaison, officer, leader_a, leader_b
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], units=[sending_unit])
    response = client_for(leader_a).post(
        reverse("selection:need_message", args=[need.pk]), {"text": "希望人选熟悉预算管理"}
    )
    assert response.status_code == 302
    assert unread_threads(officer) == [(need, 1)]
    assert unread_threads(liaison) == [(need, 1)]
    assert unread_threads(leader_a) == [] and unread_threads(leader_b) == []
    page = client_for(liaison).get(need.get_absolute_url()).content.decode()
    assert "希望人选熟悉预算管理" in page
    assert unread_threads(liaison) == []
    assert unread_threads(officer) == [(need, 1)]


def test_a_liaison_of_a_unit_the_cycle_is_not_addressed_to_neither_reads_nor_writes_the_need_thread(
    make_cycle, unit_a, post, sending_unit, other_liaison, leader_b, officer
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], units=[sending_unit])
    services.post_need_message(need=need, text="请优先推荐财政系统干部", actor=officer)
    for outsider in (other_liaison, leader_b):
        client = client_for(outsider)
        assert (
            client.post(reverse("selection:need_message", args=[need.pk]), {"text": "x"}).status_code == 404
        )
        assert unread_threads(outsider) == []
    assert Message.objects.count() == 1


def test_an_empty_message_on_a_need_is_refused(cycle_with_need, officer_client):
    _cycle, need = cycle_with_need
    officer_client.post(reverse("selection:need_message", args=[need.pk]), {"text": "  "})
    assert not Message.objects.exists()
