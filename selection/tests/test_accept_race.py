"""Two staff accepting two nominees for the last seat of a post at once: one succeeds (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection

from assignments.models import Secondment
from guazhi.workflow import TransitionError
from selection import services

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks across threads need PostgreSQL; SQLite serialises every writer anyway",
    ),
]


def test_two_staff_accepting_nominees_for_the_last_seat_at_once_leaves_one_told_the_seat_is_gone(
    make_cycle, unit_a, post, sending_unit, liaison, officer, make_cadre
):
    # Two needs of two cycles name the same one-seat post: only the post's row lock stands between them.
    _first_cycle, (first_need,) = make_cycle(needs=[{"unit": unit_a, "post": post}])
    _second_cycle, (second_need,) = make_cycle("2027年市派第一批", needs=[{"unit": unit_a, "post": post}])
    nominations = [
        services.nominate(
            need=need,
            sending_unit=sending_unit,
            cadre=make_cadre(name, birth_date=born),
            reason="熟悉财政",
            actor=liaison,
        )
        for need, name, born in (
            (first_need, "张一", datetime.date(1980, 4, 12)),
            (second_need, "李二", datetime.date(1982, 9, 3)),
        )
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(nomination):
        try:
            barrier.wait()
            services.accept_nomination(nomination=nomination, actor=officer)
            outcomes.append("accepted")
        except TransitionError as error:
            outcomes.append("gone" if "名额已没有" in str(error) else str(error))
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(n,)) for n in nominations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "gone"]
    assert Secondment.objects.filter(reserved_post=post).count() == 1
    # The refused acceptance wrote nothing: no second secondment, the nomination still proposed.
    assert Secondment.objects.count() == 1
