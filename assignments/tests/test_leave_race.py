"""Two people recording overlapping leave for one cadre at the same moment: exactly one is kept."""

import threading

import pytest
from django.db import connection

from assignments import services
from assignments.choices import LeaveKind
from assignments.models import Leave
from conftest import day, days_ago
from guazhi.workflow import TransitionError

pytestmark = [
    pytest.mark.postgres_only,
    # Each transactional test empties the tables when it ends; serialized rollback puts back what
    # the data migrations made (the staff group) before the next one starts.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks across threads need PostgreSQL; SQLite serialises every writer anyway",
    ),
]


def test_overlapping_requests_at_once_cannot_both_be_recorded(
    make_secondment, cadre, post, officer, leader_a
):
    secondment = make_secondment(cadre, "in_post", post=post, start=days_ago(100))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def ask(actor, offset):
        try:
            barrier.wait()
            services.request_leave(
                secondment=secondment,
                kind=LeaveKind.PERSONAL,
                start_date=day(offset),
                end_date=day(offset + 2),
                actor=actor,
            )
            outcomes.append("recorded")
        except TransitionError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=args) for args in ((officer, 5), (leader_a, 6))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["recorded", "refused"]
    assert Leave.objects.count() == 1
