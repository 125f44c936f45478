"""``make bench``: prepare the benchmark's database, measure, report.

Django is set up only after ``DATABASE_URL`` points at the benchmark's own
database, so nothing here can reach the developer's. Measurements run with
DEBUG off, as production does (no query log, no template debug data), and
with the benchmark's urlconf, which adds the trivial view to the site's URLs.
"""

import os
import sys
import time
import warnings

import django
from django.conf import settings

from . import database
from .config import BenchConfig


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare_data(config: BenchConfig) -> None:
    """Migrate, and build the data set unless the one in the database has the wanted sizes."""
    from django.db import connections, transaction
    from django.test.utils import override_settings

    from .dataset import DatasetSpec, build

    spec = DatasetSpec.from_env()
    wanted = database.marker_text(spec.marker())
    if not config.rebuild and database.read_marker() == wanted:
        database.migrate()
        progress(f"bench: data set up to date ({spec.cadres:,} cadres); BENCH_REBUILD=1 rebuilds it")
        return
    progress(f"bench: building the data set ({spec.cadres:,} cadres, {spec.posts:,} posts on offer)")
    started = time.perf_counter()
    connections.close_all()
    database.recreate(config.database_url)
    database.migrate()
    progress(f"  migrate: {time.perf_counter() - started:.1f} s")
    # DEBUG off: Django would otherwise keep the text of every insert in memory.
    with override_settings(DEBUG=False), transaction.atomic():
        build(spec, progress)
        database.write_marker(spec.marker())
    database.analyze()
    progress(f"bench: data set built in {time.perf_counter() - started:.1f} s")


def measure(config: BenchConfig) -> int:
    from django.test.utils import override_settings

    from . import report
    from .measure import ERROR, measure_all
    from .registry import JOBS, PAGES
    from .subjects import Subjects

    subjects = Subjects()
    load_before = os.getloadavg()
    progress(f"bench: measuring ({config.warmup} warm-up + {config.repeat} calls each)")
    with override_settings(
        ROOT_URLCONF="bench.urls", DEBUG=False, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        rows = measure_all(PAGES, JOBS, subjects, config, progress)
    machine = report.machine_info(load_before)
    dataset = {"spec": database.read_marker_json(), "census": subjects.census()}
    previous = report.load_previous(config.results_path)
    print(report.heading(dataset["census"], machine, config))
    print()
    print(report.markdown_table(rows))
    notes = report.notes(rows, previous, dataset, machine)
    if notes:
        print()
        print("\n".join(notes))
    report.write_results(config.results_path, report.results_json(rows, dataset, machine, config))
    progress(f"bench: results written to {config.results_path}")
    return 1 if any(row.status == ERROR for row in rows) else 0


def main() -> int:
    config = BenchConfig.from_env()
    try:
        database.check_safe(config.database_url)
    except database.UnsafeDatabase as refusal:
        progress(f"bench: {refusal}")
        return 2
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    database.point_django_at(config.database_url)
    database.ensure_exists(config.database_url)
    django.setup()
    prepare_data(config)
    return measure(config)
