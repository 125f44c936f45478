"""Two staff acting on one appraisal at the same moment: exactly one wins (PostgreSQL row locks)."""

import threading

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection

from conftest import FILLED_APPRAISAL
from evaluations import services
from evaluations.models import Appraisal
from guazhi.access import ORG_STAFF_GROUP
from guazhi.workflow import TransitionError

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks across threads need PostgreSQL; SQLite serialises every writer anyway",
    ),
]


@pytest.fixture(autouse=True)
def staff_group(transactional_db):
    """An earlier transactional test's flush takes the group a data migration made; make it again."""
    group, _created = Group.objects.get_or_create(name=ORG_STAFF_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="cadres", codename="org_staff"))


def test_confirming_and_returning_one_appraisal_at_once_cannot_both_succeed(
    make_round, placed_in_a, officer, leader_a
):
    appraisal = make_round().appraisals.get(secondment=placed_in_a)
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=leader_a)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(name, step):
        try:
            barrier.wait()
            step()
            outcomes.append(name)
        except TransitionError:
            outcomes.append("refused")
        finally:
            connection.close()

    steps = [
        ("confirmed", lambda: services.confirm_appraisal(appraisal=appraisal, actor=officer)),
        ("returned", lambda: services.return_appraisal(appraisal=appraisal, reason="请补充", actor=officer)),
    ]
    threads = [threading.Thread(target=act, args=step) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) in (["confirmed", "refused"], ["refused", "returned"])
    winner = next(outcome for outcome in outcomes if outcome != "refused")
    assert Appraisal.objects.get(pk=appraisal.pk).status == winner
    assert (
        appraisal.secondment.events.filter(note__contains="组织部已确认").count()
        + appraisal.secondment.events.filter(note__contains="退回").count()
        == 1
    )


def test_two_staff_confirming_at_once_confirm_it_once(make_round, placed_in_a, officer, leader_a):
    appraisal = make_round().appraisals.get(secondment=placed_in_a)
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=leader_a)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def confirm():
        try:
            barrier.wait()
            services.confirm_appraisal(appraisal=appraisal, actor=officer)
            outcomes.append("confirmed")
        except TransitionError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["confirmed", "refused"]
    assert appraisal.history.filter(status="confirmed").count() == 1
