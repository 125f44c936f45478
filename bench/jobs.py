"""The jobs the benchmark times in-process: the batch plan, the roster import and export, a round.

Each ``prepare`` function finds the code it calls (raising ``NotAvailable``
while it is missing), makes what the job needs (a workbook, a title), and
returns the call to time. The call returns its timings in seconds by part,
and a line saying what it did. Jobs that write run inside a transaction
that is rolled back, so every repetition meets the same data set; the time
stops when the job returns, before the rollback.
"""

import datetime
import functools
import importlib
import inspect
import io
import itertools
import random
from collections.abc import Callable
from time import perf_counter

import openpyxl
from django.db import transaction
from django.utils import timezone

from assignments.choices import SecondmentStatus
from assignments.models import Secondment
from assignments.selectors import secondments_visible_to
from cadres.models import Cadre
from cadres.validators import check_digit
from evaluations.choices import RoundKind

from .people import person_name
from .subjects import Subjects

JobRun = tuple[dict[str, float], str]

IMPORT_ROWS = 5_000


class NotAvailable(Exception):
    """What is to be measured has not been written yet."""


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


# --- the batch plan --------------------------------------------------------------------------------


def _plan_readers(plan: Callable) -> dict[str, Callable[[], object]]:
    """Readers for the reference data ``plan`` takes besides cadres and posts (by parameter name);
    a parameter with a default (the minimum score, read from the settings) is left to it."""
    wanted = [
        name
        for name, parameter in inspect.signature(plan).parameters.items()
        if name not in ("cadres", "posts") and parameter.default is inspect.Parameter.empty
    ]
    return dict(zip(wanted, optional("assignments.selectors", *wanted), strict=True))


def batch_plan(subjects: Subjects) -> Callable[[], JobRun]:
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


# --- the roster ------------------------------------------------------------------------------------


def _all_secondments():
    """Every secondment, in the order ``export_roster`` writes them."""
    return Secondment.objects.order_by("-term_start", "cadre__name_pinyin", "id")


def export_roster(subjects: Subjects) -> Callable[[], JobRun]:
    """``export_roster``: every secondment to a workbook, ID numbers and phones whole."""
    (write_roster,) = optional("assignments.roster", "write_roster")

    def run() -> JobRun:
        started = perf_counter()
        destination = io.BytesIO()
        count = write_roster(_all_secondments(), destination, show_personal_data=True)
        total = perf_counter() - started
        return {"total": total}, f"{count:,} rows, {destination.tell() / 1_000_000:.1f} MB"

    return run


def _other_id_number(number: str, taken: set[str], rng: random.Random) -> str:
    """Another valid ID number of someone born the same day, of the same sex, not yet on file."""
    odd = int(number[16]) % 2
    while True:
        serial = rng.randint(0, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if odd else (0, 2, 4, 6, 8))
        first17 = f"{number[:14]}{serial:03d}"
        other = first17 + check_digit(first17)
        if other not in taken:
            taken.add(other)
            return other


@functools.cache
def new_people_roster(rows: int, seed: str) -> bytes:
    """A roster of ``rows`` cadres who are not on file, shaped like those who are.

    ``write_roster`` exports an even sample of the secondments on file, whole;
    each row then gets another person (name, ID number, phone) of the same sex
    and birth date, so that importing it creates cadres, secondments, posts'
    seats and assignments as bringing in a county's old roster does, instead
    of finding everything already on file.
    """
    (write_roster,) = optional("assignments.roster", "write_roster")
    (headers,) = optional("assignments.roster", "HEADERS")
    every = list(Secondment.objects.order_by("pk").values_list("pk", flat=True))
    sample = every[:: max(1, len(every) // rows)][:rows]
    exported = io.BytesIO()
    write_roster(_all_secondments().filter(pk__in=sample), exported, show_personal_data=True)
    exported.seek(0)
    workbook = openpyxl.load_workbook(exported)
    sheet = workbook.worksheets[0]
    name_at, id_at, phone_at = (headers.index(h) for h in ("姓名", "身份证号", "联系电话"))
    taken = set(Cadre.objects.exclude(id_number="").values_list("id_number", flat=True))
    rng = random.Random(seed)
    for row in sheet.iter_rows(min_row=2):
        number = str(row[id_at].value)
        row[name_at].value = person_name(rng, int(number[16]) % 2 == 1)
        row[id_at].value = _other_id_number(number, taken, rng)
        row[phone_at].value = f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def _import_line(check) -> str:
    counts = check.counts()
    if check.errors:
        return f"{len(check.errors):,} problems, e.g. {check.errors[0]}"
    return ", ".join(
        f"{name} {counts[name].created:,} created, {counts[name].updated:,} updated"
        for name in ("cadres", "secondments", "assignments", "posts")
    )


def _openpyxl_reader() -> Callable[[bytes], object]:
    """The reader before calamine, for comparison: the .xlsx guard, then openpyxl streaming the first
    sheet in read-only mode into the same rows the importer reads."""
    (read_rows,) = optional("assignments.roster", "read_rows")
    (check_xlsx,) = optional("guazhi.xlsxguard", "check_xlsx")

    def read(content: bytes):
        source = io.BytesIO(content)
        check_xlsx(source)
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True, keep_links=False)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()
            return read_rows(sheet.iter_rows(values_only=True), "bench.xlsx")
        finally:
            workbook.close()

    return read


def import_dry_run(subjects: Subjects) -> Callable[[], JobRun]:
    """``import_roster --dry-run`` on 5,000 new rows: read the workbook, check every row, plan the writes;
    and, beside it, the same workbook read by the reader before (openpyxl)."""
    read_workbook, check_roster = optional("assignments.roster", "read_workbook", "check_roster")
    read_with_openpyxl = _openpyxl_reader()
    content = new_people_roster(IMPORT_ROWS, f"{subjects.staff.pk}:import")

    def run() -> JobRun:
        started = perf_counter()
        sheet = read_workbook(io.BytesIO(content), name="bench.xlsx")
        read = perf_counter() - started
        check = check_roster(sheet)
        total = perf_counter() - started
        started = perf_counter()
        before = read_with_openpyxl(content)
        read_before = perf_counter() - started
        if len(before.rows) != len(sheet.rows):
            raise AssertionError(f"openpyxl read {len(before.rows):,} rows, calamine {len(sheet.rows):,}")
        return {
            "total": total,
            "read": read,
            "check": total - read,
            "read_openpyxl": read_before,
        }, f"{len(sheet.rows):,} rows: " + _import_line(check)

    return run


def import_commit(subjects: Subjects) -> Callable[[], JobRun]:
    """``import_roster`` on the same 5,000 rows, written (and rolled back after the timing)."""
    (read_workbook,) = optional("assignments.roster", "read_workbook")
    (import_roster,) = optional("assignments.services", "import_roster")
    content = new_people_roster(IMPORT_ROWS, f"{subjects.staff.pk}:import")
    staff = subjects.staff

    def run() -> JobRun:
        started = perf_counter()
        sheet = read_workbook(io.BytesIO(content), name="bench.xlsx")
        read = perf_counter() - started
        with transaction.atomic():
            check = import_roster(sheet=sheet, actor=staff)
            total = perf_counter() - started
            transaction.set_rollback(True)
        return {
            "total": total,
            "read": read,
            "write": total - read,
        }, f"{len(sheet.rows):,} rows: " + _import_line(check)

    return run


# --- appraisal rounds ------------------------------------------------------------------------------


def open_round(subjects: Subjects) -> Callable[[], JobRun]:
    """``open_round`` for every cadre in post or under review (rolled back after the timing)."""
    (open_appraisal_round,) = optional("evaluations.services", "open_round")
    staff = subjects.staff
    numbers = itertools.count(1)

    def run() -> JobRun:
        year = timezone.localdate().year
        started = perf_counter()
        with transaction.atomic():
            _round, added = open_appraisal_round(
                title=f"基准测试专项考核{next(numbers)}",
                kind=RoundKind.SPECIAL,
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                due_date=datetime.date(year + 1, 1, 31),
                actor=staff,
            )
            total = perf_counter() - started
            transaction.set_rollback(True)
        return {"total": total}, f"{added:,} appraisals opened"

    return run
