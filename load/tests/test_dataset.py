import io

from django.core.management import call_command

from assignments.choices import SecondmentStatus
from assignments.models import Secondment
from conftest import TODAY
from load import dataset


def test_the_load_data_places_cadres_and_fills_each_demo_leaders_queue(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    before = dataset.pending_by_leader()

    pending = dataset.add(dataset.LoadData(cadres_per_unit=2, rounds=2))

    placed = Secondment.objects.filter(batch=dataset.batch_label(TODAY), status=SecondmentStatus.IN_POST)
    assert sorted(placed.values_list("current_unit__name", flat=True)) == sorted(
        list(dataset.EXTRA_POSTS) * 2
    )
    for leader, count in pending.items():
        # Each round has an appraisal for every cadre serving in the unit, the new ones among them.
        assert count - before[leader] >= 2 * 2
