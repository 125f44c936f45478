"""Timing pages and jobs: warm calls, the median and 95th percentile, and the query count.

Each measurement is taken warm (after ``warmup`` calls, so that caches,
compiled templates and the database's pages are what a running server has)
and its query count on one extra call, as that count must not grow with
the data.
"""

import math
import statistics
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from time import perf_counter
from typing import TypeVar

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch

from .config import BenchConfig
from .registry import Job, NotAvailable, Page
from .subjects import Subjects
from .targets import Target

OK = "ok"
NOT_AVAILABLE = "not available yet"
ERROR = "error"

T = TypeVar("T")


@dataclass
class Row:
    key: str
    label: str
    status: str = OK
    samples_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    detail: str = ""
    ratio_to: str | None = None
    targets: tuple[Target, ...] = ()
    # A part timed beside another for comparison, outside the whole (the reader before, say).
    compared_to: str | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.samples_ms) if self.samples_ms else None

    @property
    def p95_ms(self) -> float | None:
        """Nearest-rank 95th percentile: with 20 samples, the second slowest."""
        if not self.samples_ms:
            return None
        ordered = sorted(self.samples_ms)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]


class PageFailed(Exception):
    """The page answered, but not with 200."""


def repeat_calls(call: Callable[[], T], config: BenchConfig) -> list[T]:
    """The results of the measured calls, after the warm-up calls."""
    for _ in range(config.warmup):
        call()
    results: list[T] = []
    deadline = perf_counter() + config.budget_seconds
    while len(results) < config.repeat and (len(results) < config.min_samples or perf_counter() < deadline):
        results.append(call())
    return results


def _timed(call: Callable[[], object]) -> Callable[[], float]:
    def timed() -> float:
        started = perf_counter()
        call()
        return (perf_counter() - started) * 1000

    return timed


def count_queries(call: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


class Clients:
    """One logged-in test client per persona, reused by every page."""

    def __init__(self, subjects: Subjects) -> None:
        self.subjects = subjects
        self.clients: dict[str, Client] = {}

    def __getitem__(self, persona: str) -> Client:
        if persona not in self.clients:
            client = Client()
            client.force_login(self.subjects.user(persona))
            self.clients[persona] = client
        return self.clients[persona]


def _fetcher(client: Client, url: str) -> Callable[[], None]:
    def fetch() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise PageFailed(f"GET {url} answered {response.status_code}")

    return fetch


def _failed(row: Row, error: Exception) -> Row:
    traceback.print_exception(error)
    row.status = ERROR
    row.detail = f"{type(error).__name__}: {error}"
    return row


def measure_page(page: Page, subjects: Subjects, clients: Clients, config: BenchConfig) -> Row:
    row = Row(page.key, page.label, ratio_to=page.ratio_to, targets=page.targets)
    try:
        url = page.url(subjects)
    except NoReverseMatch:
        row.status, row.detail = NOT_AVAILABLE, f"no URL named {page.url_name}"
        return row
    row.detail = url
    fetch = _fetcher(clients[page.persona], url)
    try:
        row.samples_ms = repeat_calls(_timed(fetch), config)
        row.queries = count_queries(fetch)
    except Exception as error:
        return _failed(row, error)
    return row


def _job_config(job: Job, config: BenchConfig) -> BenchConfig:
    """A job that takes seconds runs fewer times than a page (never more than the run asks for)."""
    repeat = min(config.repeat, job.repeat or config.repeat)
    warmup = min(config.warmup, job.warmup if job.warmup is not None else config.warmup)
    return replace(config, repeat=repeat, warmup=warmup, min_samples=min(config.min_samples, repeat))


def measure_job(job: Job, subjects: Subjects, config: BenchConfig) -> list[Row]:
    """One row per reported part; the first carries the query count and what the job did.

    Queries are counted on the first call, before the timed ones: a call that
    takes seconds is not repeated only to count them.
    """
    rows = [
        Row(
            f"{job.key}.{part}",
            f"{job.label}: {label}",
            targets=job.targets.get(part, ()),
            compared_to=f"{job.key}.{job.compared[part]}" if part in job.compared else None,
        )
        for part, label in job.parts
    ]
    config = _job_config(job, config)
    try:
        run = job.prepare(subjects)
        with CaptureQueriesContext(connection) as captured:
            _timings, rows[0].detail = run()
        runs = [
            timings
            for timings, _detail in repeat_calls(run, replace(config, warmup=max(0, config.warmup - 1)))
        ]
    except NotAvailable as missing:
        rows[0].status, rows[0].detail = NOT_AVAILABLE, str(missing)
        return rows[:1]
    except Exception as error:
        return [_failed(rows[0], error)]
    rows[0].queries = len(captured)
    for row, (part, _label) in zip(rows, job.parts, strict=True):
        row.samples_ms = [timings[part] * 1000 for timings in runs]
    return rows


def measure_all(
    pages: Iterable[Page],
    jobs: Iterable[Job],
    subjects: Subjects,
    config: BenchConfig,
    progress: Callable[[str], None],
) -> list[Row]:
    clients = Clients(subjects)
    rows: list[Row] = []
    for page in pages:
        rows.append(measure_page(page, subjects, clients, config))
        progress(f"  {page.label}: {_summary(rows[-1])}")
    for job in jobs:
        job_rows = measure_job(job, subjects, config)
        rows += job_rows
        progress(f"  {job.label}: {_summary(job_rows[0])}")
    return rows


def _summary(row: Row) -> str:
    if row.status != OK:
        return f"{row.status} ({row.detail})"
    return f"median {row.median_ms:.1f} ms, {row.queries} queries"
