"""Two staff importing overlapping rosters at the same moment: the imports run one after the other."""

import io
import threading

import pytest
from django.db import connection

from assignments import services
from assignments.models import Post, Secondment
from assignments.roster import read_workbook
from cadres.models import Cadre

from .roster_helpers import roster_row, workbook_bytes

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the advisory lock needs PostgreSQL; SQLite serialises every writer anyway",
    ),
]


def test_two_overlapping_rosters_imported_at_once_neither_fail_nor_duplicate(sending_unit, unit_a, specialty):
    rosters = [
        read_workbook(io.BytesIO(workbook_bytes([roster_row(n) for n in range(1, 21)]))),
        read_workbook(io.BytesIO(workbook_bytes([roster_row(n) for n in range(11, 31)]))),
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run(sheet):
        try:
            barrier.wait()
            services.import_roster(sheet=sheet)
            outcomes.append("imported")
        except Exception as error:  # the test reports whatever went wrong
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(sheet,)) for sheet in rosters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == ["imported", "imported"]
    assert Cadre.objects.count() == 30 and Secondment.objects.count() == 30
    post = Post.objects.get()
    assert post.quota == 30
