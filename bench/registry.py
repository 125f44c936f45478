"""Everything the benchmark measures: one entry per page or job.

A page is a URL name with its arguments and query, fetched as a persona;
a job is a function called in-process. Either may not exist yet while the
code behind it is being written: a page whose URL name does not reverse, or
a job whose module or function cannot be found, is reported as "not
available yet" rather than failing the run. To measure something new
(dashboard, county summary, import/export, opening an appraisal round), add
one ``Page`` to ``PAGES`` or one ``Job`` to ``JOBS``; it may take what it
needs from ``Subjects`` (add a property there when it needs a new record).
"""

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from time import perf_counter
from urllib.parse import urlencode

from django.urls import reverse

from assignments.choices import SecondmentStatus
from assignments.selectors import secondments_visible_to

from .subjects import Subjects
from .targets import Target, Under, WithinFactorOf

FLOOR = "trivial"
ADMIN_CHANGELIST = "admin_cadres"

LIST_TARGETS: tuple[Target, ...] = (
    WithinFactorOf(ADMIN_CHANGELIST, "admin changelist"),
    WithinFactorOf(FLOOR, "trivial view", 10),
)
BATCH_PLAN_TARGETS: tuple[Target, ...] = (Under(1000),)


class NotAvailable(Exception):
    """What is to be measured has not been written yet."""


def _nothing(subjects: Subjects) -> list:
    return []


def _no_query(subjects: Subjects) -> dict:
    return {}


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url_name: str
    persona: str = "staff"
    args: Callable[[Subjects], list] = _nothing
    query: Callable[[Subjects], dict] = _no_query
    ratio_to: str | None = None
    targets: tuple[Target, ...] = ()

    def url(self, subjects: Subjects) -> str:
        """The address to fetch; raises NoReverseMatch while the page does not exist."""
        path = reverse(self.url_name, args=self.args(subjects))
        query = self.query(subjects)
        return f"{path}?{urlencode(query)}" if query else path


def _list_page(key: str, label: str, url_name: str, **kwargs) -> Page:
    return Page(key, label, url_name, ratio_to=ADMIN_CHANGELIST, targets=LIST_TARGETS, **kwargs)


PAGES: tuple[Page, ...] = (
    Page(FLOOR, "trivial view (framework floor)", "bench_trivial"),
    Page(ADMIN_CHANGELIST, "admin changelist: cadres", "admin:cadres_cadre_changelist", persona="admin"),
    _list_page("cadre_list", "cadre list, page 1", "cadres:cadre_list"),
    _list_page(
        "cadre_list_last",
        "cadre list, last page",
        "cadres:cadre_list",
        query=lambda s: {"page": s.last_cadre_page},
    ),
    _list_page(
        "cadre_list_specialty",
        "cadre list, one specialty",
        "cadres:cadre_list",
        query=lambda s: {"specialties": s.specialty_id},
    ),
    _list_page("secondment_list", "secondment list", "assignments:secondment_list"),
    Page(
        "secondment_detail",
        "secondment detail (in post)",
        "assignments:secondment_detail",
        args=lambda s: [s.in_post_secondment],
    ),
    Page(
        "suggestions",
        "suggestions for one waiting cadre",
        "assignments:suggestions",
        args=lambda s: [s.waiting_secondment],
    ),
    Page("batch_plan_page", "batch plan page (GET)", "assignments:batch_plan", targets=BATCH_PLAN_TARGETS),
)


JobRun = tuple[dict[str, float], str]


@dataclass(frozen=True)
class Job:
    """``prepare`` finds the code (raising NotAvailable) and returns the call to time.

    The call returns its timings in seconds, by part, and a line saying what it
    did; ``parts`` lists the parts to report, the first being the whole.
    """

    key: str
    label: str
    prepare: Callable[[Subjects], Callable[[], JobRun]]
    parts: tuple[tuple[str, str], ...]
    targets: Mapping[str, tuple[Target, ...]] = field(default_factory=dict)


def optional(module: str, *names: str) -> list:
    """The named functions of a module, or NotAvailable when the module or one of them is missing."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as missing:
        if missing.name != module:
            raise
        raise NotAvailable(f"{module} does not exist") from None
    absent = [name for name in names if not hasattr(found, name)]
    if absent:
        raise NotAvailable(f"{module} has no {', '.join(absent)}")
    return [getattr(found, name) for name in names]


def _size(value: object) -> str:
    try:
        return f"{len(value):,}"
    except TypeError:
        return "?"


def _plan_readers(plan: Callable) -> dict[str, Callable[[], object]]:
    """Readers for the reference data ``plan`` takes besides cadres and posts (by parameter name)."""
    wanted = [name for name in inspect.signature(plan).parameters if name not in ("cadres", "posts")]
    return dict(zip(wanted, optional("assignments.selectors", *wanted), strict=True))


def _batch_plan(subjects: Subjects) -> Callable[[], JobRun]:
    """Every waiting cadre against every open post, read and solved as the batch plan page does."""
    matching_cadres, matching_posts = optional("assignments.selectors", "matching_cadres", "matching_posts")
    (plan,) = optional("assignments.matching", "plan")
    readers = _plan_readers(plan)
    staff = subjects.staff

    def run() -> JobRun:
        started = perf_counter()
        waiting = secondments_visible_to(staff).filter(status=SecondmentStatus.AWAITING_POST)
        cadres = matching_cadres(waiting)
        posts = matching_posts()
        extra = {name: read() for name, read in readers.items()}
        read = perf_counter() - started
        result = plan(cadres, posts, **extra)
        total = perf_counter() - started
        timings = {
            "total": total,
            "read": read,
            "matrix": result.matrix_seconds,
            "solver": result.solver_seconds,
            "rest": total - read - result.matrix_seconds - result.solver_seconds,
        }
        placed = (
            f"{_size(result.lines)} placed, {_size(result.unplaced)} unplaced, total score {result.total}"
        )
        return timings, f"{_size(cadres)} cadres × {_size(posts)} posts: {placed}"

    return run


JOBS: tuple[Job, ...] = (
    Job(
        "batch_plan",
        "batch plan computation",
        _batch_plan,
        parts=(
            ("total", "end to end"),
            ("read", "reading the ORM"),
            ("matrix", "score matrix"),
            ("solver", "solver"),
            ("rest", "rest of plan(): explaining the lines"),
        ),
        targets={"total": BATCH_PLAN_TARGETS},
    ),
)
