"""What every step of the data set's build shares: its size, what the steps hand on, bulk inserts.

The build is split by subject (``dataset`` for units, cadres, posts and the
terms; ``care_data`` for talks and leave; ``appraisal_data`` for rounds,
appraisals and end-of-term reviews); each step is a function of a
``BuildContext`` and reads what earlier steps left in it.
"""

import datetime
import itertools
import os
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connections, router
from django.utils import timezone

from assignments.choices import SecondmentStatus
from assignments.models import Post, Secondment
from cadres.models import Cadre, Specialty, Unit

# Bump whenever the shape of the data changes: a data set built by another version is rebuilt.
BUILDER_VERSION = 5
BATCH_SIZE = 1000
S = SecondmentStatus

STAFF_USERNAME = "bench_staff"
ADMIN_USERNAME = "bench_admin"
LEADER_USERNAME = "bench_leader"

DEFAULT_STATUS_MIX = (
    (S.EXPECTED, 0.05),
    (S.AWAITING_POST, 0.025),
    (S.UNDER_REVIEW, 0.05),
    (S.COMPLETED, 0.175),
    (S.ENDED_EARLY, 0.05),
)


@dataclass(frozen=True)
class DatasetSpec:
    """The size of the county; every int field can be set as ``BENCH_<FIELD>``."""

    seed: int = 20250601
    cadres: int = 20_000
    posts: int = 2_000
    talks: int = 100_000
    appraisals: int = 60_000
    leave: int = 4_000
    record_months: int = 12
    projects: int = 30_000
    status_mix: tuple[tuple[str, float], ...] = DEFAULT_STATUS_MIX

    @classmethod
    def from_env(cls) -> "DatasetSpec":
        overrides = {
            f.name: int(os.environ[f"BENCH_{f.name.upper()}"])
            for f in fields(cls)
            if f.type in (int, "int") and f"BENCH_{f.name.upper()}" in os.environ
        }
        return cls(**overrides)

    def marker(self) -> dict:
        """What a built data set is compared against to decide whether to rebuild."""
        return {"builder": BUILDER_VERSION, **asdict(self)}

    def status_counts(self) -> dict[str, int]:
        """Secondments per status; in post takes whatever the mix leaves."""
        counts = {status: round(self.cadres * share) for status, share in self.status_mix}
        counts[S.IN_POST] = self.cadres - sum(counts.values())
        return counts


@dataclass
class Placement:
    """A secondment in a post for a span of dates; open when ``end`` is None."""

    secondment: Secondment
    post: Post
    start: datetime.date
    end: datetime.date | None = None


@dataclass
class BuildContext:
    """What the steps hand on to each other."""

    spec: DatasetSpec
    today: datetime.date
    users: dict[str, object] = field(default_factory=dict)
    receiving: list[Unit] = field(default_factory=list)
    sending: list[Unit] = field(default_factory=list)
    specialties: dict[str, Specialty] = field(default_factory=dict)
    cadres: list[Cadre] = field(default_factory=list)
    secondments: list[Secondment] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    post_specialties: dict[int, list[Specialty]] = field(default_factory=dict)
    placements: list[Placement] = field(default_factory=list)
    # Each receiving unit's leader (a user), by unit id: they file appraisals and approve short leave.
    leaders: dict[int, object] = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        """A generator per step, so that adding a step does not reshuffle the others."""
        return random.Random(f"{self.spec.seed}:{step}")

    def at(self, day: datetime.date, rng: random.Random) -> datetime.datetime:
        """A moment in office hours on that day, for timeline events."""
        moment = datetime.time(rng.randint(8, 17), rng.randint(0, 59))
        return datetime.datetime.combine(day, moment, tzinfo=ZoneInfo(settings.TIME_ZONE))

    def placements_by_secondment(self) -> dict[int, list[Placement]]:
        """Each secondment's placements, earliest first."""
        found: dict[int, list[Placement]] = {}
        for placement in self.placements:
            found.setdefault(placement.secondment.pk, []).append(placement)
        for placements in found.values():
            placements.sort(key=lambda p: p.start)
        return found


class Weighted:
    """A weighted choice, its cumulative weights worked out once (the same draws as ``choices``)."""

    def __init__(self, pairs: Sequence[tuple[object, float]]):
        self.values = [value for value, _weight in pairs]
        self.cumulative = list(itertools.accumulate(weight for _value, weight in pairs))

    def pick(self, rng: random.Random):
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


def bulk(model, objects: list) -> list:
    """bulk_create: for rows that later steps refer to, whose keys it reads back."""
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def _converter(field, connection) -> Callable[[object], object]:
    """How a column's Python values become the values the database driver takes."""
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        adapt = connection.ops.adapt_datetimefield_value
    elif internal == "DateField":
        adapt = connection.ops.adapt_datefield_value
    elif internal in ("JSONField", "FileField"):
        return lambda value: None if value is None else field.get_db_prep_save(value, connection)
    else:
        return lambda value: value
    return lambda value: None if value is None else adapt(value)


def insert_rows(model, objects: list) -> None:
    """Insert rows nothing else refers to (timeline lines, talks, appraisals) without reading their
    keys back: one prepared INSERT run over every row, several times faster than bulk_create,
    which compiles every value of every batch. ``auto_now_add`` columns get the time of the call."""
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    stamped = [
        f.attname for f in fields if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    ]
    for obj in objects:
        for name in stamped:
            setattr(obj, name, now)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    columns = [(f.attname, _converter(f, connection)) for f in fields]
    rows = [tuple(convert(getattr(obj, name)) for name, convert in columns) for obj in objects]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10 * BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + 10 * BATCH_SIZE])


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
