"""Everything the benchmark measures: one entry per page or job.

A page is a URL name with its arguments and query, fetched as a persona;
a job is a function called in-process. Either may not exist yet while the
code behind it is being written: a page whose URL name does not reverse, or
a job whose module or function cannot be found, is reported as "not
available yet" rather than failing the run. To measure something new, add
one ``Page`` to ``PAGES`` or one ``Job`` to ``JOBS`` (its code in ``jobs``);
it may take what it needs from ``Subjects`` (add a property there when it
needs a new record).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from . import jobs
from .jobs import JobRun, NotAvailable
from .subjects import Subjects
from .targets import Target, Under, WithinFactorOf

__all__ = ["JOBS", "PAGES", "Job", "NotAvailable", "Page"]

FLOOR = "trivial"
ADMIN_CHANGELIST = "admin_cadres"

LIST_TARGETS: tuple[Target, ...] = (
    WithinFactorOf(ADMIN_CHANGELIST, "admin changelist"),
    WithinFactorOf(FLOOR, "trivial view", 10),
)
BATCH_PLAN_TARGETS: tuple[Target, ...] = (Under(1000),)
DASHBOARD_TARGETS: tuple[Target, ...] = (Under(150),)
SUMMARY_TARGETS: tuple[Target, ...] = (Under(300),)


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
    Page("layout", "the site's layout with no content (layout floor)", "bench_layout"),
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
    _list_page(
        "watch_list",
        "watch list: no talk in 90 days",
        "oversight:watch_list",
        args=lambda s: ["no_talk"],
    ),
    _list_page(
        "round_detail",
        "appraisal round page (the open round)",
        "evaluations:round_detail",
        args=lambda s: [s.open_round],
    ),
    Page("dashboard", "dashboard (home page), staff", "home", targets=DASHBOARD_TARGETS),
    Page(
        "dashboard_leader",
        "dashboard (home page), receiving-unit leader",
        "home",
        persona="leader",
        targets=DASHBOARD_TARGETS,
    ),
    Page("summary", "county summary", "oversight:summary", targets=SUMMARY_TARGETS),
    Page("batch_plan_page", "batch plan page (GET)", "assignments:batch_plan", targets=BATCH_PLAN_TARGETS),
)


@dataclass(frozen=True)
class Job:
    """``prepare`` finds the code (raising NotAvailable) and returns the call to time.

    The call returns its timings in seconds, by part, and a line saying what it
    did; ``parts`` lists the parts to report, the first being the whole. A job
    that takes seconds sets ``repeat`` and ``warmup`` lower than the pages'. A part in
    ``compared`` is timed beside another and reported as a multiple of it, not as a share.
    """

    key: str
    label: str
    prepare: Callable[[Subjects], Callable[[], JobRun]]
    parts: tuple[tuple[str, str], ...]
    targets: Mapping[str, tuple[Target, ...]] = field(default_factory=dict)
    # Parts timed beside another part for comparison, outside the whole: {part: the part compared to}.
    compared: Mapping[str, str] = field(default_factory=dict)
    repeat: int | None = None
    warmup: int | None = None


# Import and export are files a person waits for; a round opens for the whole county at once.
FILE_TARGETS: tuple[Target, ...] = (Under(20_000),)
SLOW_JOB = {"repeat": 3, "warmup": 1}

JOBS: tuple[Job, ...] = (
    Job(
        "batch_plan",
        "batch plan computation",
        jobs.batch_plan,
        parts=(
            ("total", "end to end"),
            ("read", "reading the ORM"),
            ("matrix", "score matrix"),
            ("solver", "solver"),
            ("rest", "rest of plan(): explaining the lines"),
        ),
        targets={"total": BATCH_PLAN_TARGETS},
    ),
    Job(
        "import_dry_run",
        f"import {jobs.IMPORT_ROWS:,} rows, dry run",
        jobs.import_dry_run,
        parts=(
            ("total", "end to end"),
            ("read", "reading the workbook with calamine"),
            ("check", "checking every row"),
            ("read_openpyxl", "reading it with openpyxl, the reader before"),
        ),
        compared={"read_openpyxl": "read"},
        targets={"total": FILE_TARGETS},
        **SLOW_JOB,
    ),
    Job(
        "import_commit",
        f"import {jobs.IMPORT_ROWS:,} rows",
        jobs.import_commit,
        parts=(
            ("total", "end to end"),
            ("read", "reading the workbook with calamine"),
            ("write", "checking and writing"),
        ),
        targets={"total": FILE_TARGETS},
        **SLOW_JOB,
    ),
    Job(
        "export",
        "export every secondment (export_roster)",
        jobs.export_roster,
        parts=(("total", "end to end"),),
        targets={"total": FILE_TARGETS},
        **SLOW_JOB,
    ),
    Job(
        "open_round",
        "open a round for every cadre in post",
        jobs.open_round,
        parts=(("total", "end to end"),),
        **SLOW_JOB,
    ),
)
