"""Who reads which need and nomination: a liaison only their unit's, a leader their unit's needs."""

import pytest

from cadres.choices import MembershipRole
from cadres.models import UnitMembership
from conftest import _user
from selection import services
from selection.selectors import cycles_visible_to, needs_visible_to, nominations_visible_to


@pytest.fixture
def other_liaison(other_sending_unit):
    user = _user("erin")
    UnitMembership.objects.create(user=user, unit=other_sending_unit, role=MembershipRole.LIAISON)
    return user


def test_a_liaison_sees_published_needs_addressed_to_all_and_only_their_units_nominations(
    cycle_with_need, sending_unit, liaison, other_liaison, cadre
):
    cycle, need = cycle_with_need
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison
    )
    assert list(needs_visible_to(liaison)) == [need] == list(needs_visible_to(other_liaison))
    assert list(cycles_visible_to(other_liaison)) == [cycle]
    assert list(nominations_visible_to(liaison)) == [nomination]
    assert not nominations_visible_to(other_liaison).exists()


def test_a_cycle_addressed_to_one_unit_is_hidden_from_the_others(
    make_cycle, unit_a, post, sending_unit, liaison, other_liaison
):
    make_cycle(needs=[{"unit": unit_a, "post": post}], units=[sending_unit])
    assert needs_visible_to(liaison).exists()
    assert not needs_visible_to(other_liaison).exists()
    assert not cycles_visible_to(other_liaison).exists()


def test_a_draft_cycle_is_seen_by_staff_alone(make_cycle, unit_a, post, officer, liaison, leader_a):
    make_cycle(needs=[{"unit": unit_a, "post": post}], publish=False)
    assert needs_visible_to(officer).exists()
    assert not needs_visible_to(liaison).exists()
    assert not needs_visible_to(leader_a).exists()


def test_the_receiving_units_leader_reads_their_units_needs_and_no_others(
    cycle_with_need, leader_a, leader_b, sending_unit, liaison, cadre
):
    _cycle, need = cycle_with_need
    services.nominate(need=need, sending_unit=sending_unit, cadre=cadre, reason="熟悉财政", actor=liaison)
    assert list(needs_visible_to(leader_a)) == [need]
    assert nominations_visible_to(leader_a).count() == 1
    assert not needs_visible_to(leader_b).exists()
    assert not nominations_visible_to(leader_b).exists()
