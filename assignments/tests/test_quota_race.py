"""Two staff placing the last seat at the same moment: exactly one succeeds (PostgreSQL row locks)."""

import datetime
import threading

import pytest
from django.db import connection

from assignments import services
from assignments.models import Assignment
from conftest import TERM_START
from guazhi.workflow import TransitionError

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks across threads need PostgreSQL; SQLite serialises every writer anyway",
    ),
]


def test_two_staff_placing_the_last_seat_at_once_cannot_both_succeed(
    make_secondment, make_cadre, post, officer
):
    first = make_secondment(make_cadre("张一"), "awaiting_post")
    second = make_secondment(make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def place(secondment):
        try:
            barrier.wait()
            services.assign(secondment=secondment, post=post, start_date=TERM_START, actor=officer)
            outcomes.append("placed")
        except TransitionError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=place, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["placed", "refused"]
    assert Assignment.objects.filter(post=post, end_date__isnull=True).count() == 1
