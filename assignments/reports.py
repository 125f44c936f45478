"""The county summary (the first section of the county's report), computed by aggregate queries.

Everything here reads through ``secondments_visible_to`` and runs a fixed
number of queries whatever the data size. Apps above this one add tables
(the appraisal grades per round) by registering a provider in
``summary_tables``; this module never imports them.
"""

import datetime
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.choices import LevelBucket, UnitTier
from cadres.models import Cadre

from .choices import SERVING_STATUSES
from .models import Assignment, Post, Secondment, Talk
from .selectors import secondments_visible_to
from .watch import unit_rows, unit_watches


@dataclass
class NamedCount:
    count: int
    names: list[str]


@dataclass
class Table:
    """A titled table: the page, the .docx and the .xlsx all render these."""

    key: str
    title: str
    headers: list[str]
    rows: list[list]
    note: str = ""
    # Chart data drawn from the table ({"labels": [...], "series": [{"label", "data"}]}), if any.
    chart: dict | None = None


@dataclass
class Placement:
    sending_unit: str
    name: str
    title: str
    duties: str
    unit: str


@dataclass
class Summary:
    since: int
    today: datetime.date
    received: int
    by_level: dict[str, NamedCount]
    serving: NamedCount
    placements: list[Placement]
    tables: list[Table] = field(default_factory=list)
    charts: dict = field(default_factory=dict)
    median_days_to_post: float | None = None
    specialty_match: tuple[int, int] = (0, 0)
    talks: tuple[int, int] = (0, 0)

    @property
    def specialty_match_rate(self) -> float | None:
        matched, placed = self.specialty_match
        return matched / placed if placed else None

    def paragraphs(self) -> list[str]:
        """The county's own phrasing, as the report's first section writes it."""
        return summary_paragraphs(self)

    def as_contract(self) -> dict:
        """The JSON other programs read (summary_report --json)."""
        return {
            "since": self.since,
            "received": {
                "total": self.received,
                **{
                    bucket: {"count": self.by_level[bucket].count, "names": self.by_level[bucket].names}
                    for bucket in LevelBucket.values
                },
            },
            "serving": {"count": self.serving.count, "names": self.serving.names},
            "placements": [
                {
                    "sending_unit": p.sending_unit,
                    "name": p.name,
                    "unit": p.unit,
                    "title": p.title,
                    "duties": p.duties,
                }
                for p in self.placements
            ],
            "median_days_to_first_post": self.median_days_to_post,
            "specialty_match": {"matched": self.specialty_match[0], "placements": self.specialty_match[1]},
            "talks": {"held": self.talks[0], "due": self.talks[1]},
            "tables": {t.key: {"title": t.title, "headers": t.headers, "rows": t.rows} for t in self.tables},
        }


TableProvider = Callable[[object, QuerySet, int], list[Table]]
summary_tables: list[TableProvider] = []


def register_summary_tables(provider: TableProvider) -> None:
    """Let a higher app add tables to the summary (called from AppConfig.ready)."""
    if provider not in summary_tables:
        summary_tables.append(provider)


def _visible(user) -> QuerySet:
    """The secondments the report covers; None is the operator on the server, who sees all."""
    return Secondment.objects.all() if user is None else secondments_visible_to(user)


def earliest_year(user) -> int:
    first = _visible(user).aggregate(first=Min("term_start"))["first"]
    return first.year if first else timezone.localdate().year


def _names(rows) -> list[str]:
    return [name for _start, name in sorted(rows)]


def _tier_label(value: str) -> str:
    return str(UnitTier(value).label) if value in UnitTier.values else value


def county_summary(user, since: int | None = None, today: datetime.date | None = None) -> Summary:
    """Everything the summary page, its exports and summary_report show."""
    today = today or timezone.localdate()
    visible = _visible(user)
    since = since or earliest_year(user)
    received = visible.filter(term_start__gte=datetime.date(since, 1, 1))

    rows = list(received.values_list("cadre__level_bucket", "term_start", "cadre__name"))
    by_level = {bucket: NamedCount(0, []) for bucket in LevelBucket.values}
    for bucket in LevelBucket.values:
        chosen = [(start, name) for b, start, name in rows if b == bucket]
        by_level[bucket] = NamedCount(len(chosen), _names(chosen))

    serving_rows = list(
        visible.filter(status__in=SERVING_STATUSES)
        .order_by("term_start", "cadre__name_pinyin", "cadre__name")
        .values_list("term_start", "cadre__name", "sending_unit__name", "pk")
    )
    serving = NamedCount(len(serving_rows), _names([(start, name) for start, name, _u, _pk in serving_rows]))
    open_posts = {
        secondment_id: (unit, title, duties)
        for secondment_id, unit, title, duties in Assignment.objects.filter(
            secondment_id__in=[pk for *_rest, pk in serving_rows], end_date__isnull=True
        ).values_list("secondment_id", "post__unit__name", "title", "duties")
    }
    placements = [
        Placement(sending_unit=sender, name=name, unit=unit, title=title, duties=duties)
        for _start, name, sender, pk in serving_rows
        if pk in open_posts
        for unit, title, duties in [open_posts[pk]]
    ]

    summary = Summary(
        since=since,
        today=today,
        received=len(rows),
        by_level=by_level,
        serving=serving,
        placements=placements,
    )
    summary.tables = _tables(received)
    summary.median_days_to_post = _median_days_to_first_post(received)
    summary.specialty_match = _specialty_match(received)
    summary.talks = _talks_held_and_due(received, today)
    summary.tables.append(_indicators_table(summary))
    if user is not None:
        summary.tables.append(_alerts_table(user, today))
    for provider in summary_tables:
        summary.tables.extend(provider(user, received, since))
    summary.charts = _charts(summary)
    return summary


def _level_columns() -> list[str]:
    return [str(LevelBucket(b).label) for b in LevelBucket.values]


def _tier_order(row: list) -> int:
    labels = [str(label) for label in UnitTier.labels]
    return labels.index(row[0]) if row[0] in labels else len(labels)


def _grouped(received: QuerySet, key: str, label: Callable[[str], str] = str) -> list[list]:
    counts = (
        received.values(key)
        .annotate(
            total=Count("pk"),
            **{b: Count("pk", filter=Q(cadre__level_bucket=b)) for b in LevelBucket.values},
        )
        .order_by("-total", key)
    )
    return [
        [
            label(row[key]) if row[key] is not None else "—",
            row["total"],
            *(row[b] for b in LevelBucket.values),
        ]
        for row in counts
    ]


def _tables(received: QuerySet) -> list[Table]:
    headers = [_("total"), *_level_columns()]
    by_year = (
        received.annotate(year=ExtractYear("term_start"))
        .values("year")
        .annotate(
            total=Count("pk"), **{b: Count("pk", filter=Q(cadre__level_bucket=b)) for b in LevelBucket.values}
        )
        .order_by("year")
    )
    return [
        Table(
            "by_tier",
            _("By sending tier"),
            [_("sending tier"), *headers],
            sorted(_grouped(received, "sending_unit__tier", _tier_label), key=_tier_order),
        ),
        Table(
            "by_sending_unit",
            _("By sending unit"),
            [_("sending unit"), *headers],
            _grouped(received, "sending_unit__name"),
        ),
        Table(
            "by_receiving_unit",
            _("By receiving unit"),
            [_("receiving unit"), *headers],
            _grouped(received.exclude(current_unit=None), "current_unit__name"),
            note=_("The unit of the current post, or of the last post for terms that have ended."),
        ),
        Table(
            "by_year",
            _("By year of arrival"),
            [_("year"), *headers],
            [[row["year"], row["total"], *(row[b] for b in LevelBucket.values)] for row in by_year],
        ),
    ]


def _median_days_to_first_post(received: QuerySet) -> float | None:
    pairs = received.exclude(reported_on=None).annotate(first_post=Min("assignments__start_date"))
    days = [
        (first - reported).days
        for reported, first in pairs.exclude(first_post=None).values_list("reported_on", "first_post")
    ]
    return float(statistics.median(days)) if days else None


def _specialty_match(received: QuerySet) -> tuple[int, int]:
    """Placements where the cadre has at least one of the post's wanted specialties, and all placements."""
    wanted = Post.specialties.through.objects.filter(post_id=OuterRef(OuterRef("post_id"))).values(
        "specialty_id"
    )
    has = Cadre.specialties.through.objects.filter(
        cadre_id=OuterRef("secondment__cadre_id"), specialty_id__in=wanted
    )
    counts = Assignment.objects.filter(secondment__in=received.values("pk")).aggregate(
        placements=Count("pk"), matched=Count("pk", filter=Q(Exists(has)))
    )
    return counts["matched"], counts["placements"]


def _talks_held_and_due(received: QuerySet, today: datetime.date) -> tuple[int, int]:
    """Talks held, and talks due: one when reporting and one every NO_TALK_DAYS after it."""
    every = settings.GUAZHI["NO_TALK_DAYS"]
    held = Talk.objects.filter(secondment__in=received.values("pk")).count()
    due = 0
    for reported, actual_end in received.exclude(reported_on=None).values_list("reported_on", "actual_end"):
        days = ((actual_end or today) - reported).days
        due += 1 + max(0, days) // every
    return held, due


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def _indicators_table(summary: Summary) -> Table:
    matched, placed = summary.specialty_match
    held, due = summary.talks
    median = summary.median_days_to_post
    return Table(
        "indicators",
        _("Indicators"),
        [_("indicator"), _("value")],
        [
            [_("Median days from reporting to the first post"), "—" if median is None else f"{median:g}"],
            [
                _("Specialty match rate (placements where the cadre has a wanted specialty)"),
                f"{_percent(matched, placed)}（{matched}/{placed}）",
            ],
            [_("Talks held / talks due"), f"{held}/{due}"],
        ],
    )


UNITS_WITH_MOST_ALERTS = 10


def _alerts_table(user, today: datetime.date) -> Table:
    """The receiving units with the most open alerts today (the dashboard's per-unit rows)."""
    columns = unit_watches()
    rows = [row for row in unit_rows(user, today) if row.unit_id is not None and row.open_items]
    return Table(
        "units_with_most_alerts",
        _("Receiving units with the most open alerts"),
        [_("receiving unit"), _("cadres in the county"), _("open alerts"), *(str(w.label) for w in columns)],
        [
            [row.unit_name, row.cadres, row.open_items, *(row.counts[w.key] for w in columns)]
            for row in rows[:UNITS_WITH_MOST_ALERTS]
        ],
        note=_("As of today, whatever the start year."),
    )


def _charts(summary: Summary) -> dict:
    by_year = next(t for t in summary.tables if t.key == "by_year")
    by_unit = next(t for t in summary.tables if t.key == "by_receiving_unit")
    levels = _level_columns()
    charts = {table.key: table.chart for table in summary.tables if table.chart}
    return charts | {
        "arrivals": {
            "labels": [str(row[0]) for row in by_year.rows],
            "series": [
                {"label": label, "data": [row[2 + i] for row in by_year.rows]}
                for i, label in enumerate(levels)
            ],
        },
        "receiving_units": {
            "labels": [row[0] for row in by_unit.rows[:15]],
            "series": [{"label": str(_("total")), "data": [row[1] for row in by_unit.rows[:15]]}],
        },
    }


def summary_paragraphs(summary: Summary) -> list[str]:
    division = summary.by_level["division"]
    section = summary.by_level["section"]
    other = summary.by_level["other"]
    first = _(
        "Since %(since)s, the county has received %(total)s cadres seconded by the provincial and "
        "municipal Party organization departments, of whom %(division)s at division level: %(division_names)s; "
        "%(section)s at section level: %(section_names)s"
    ) % {
        "since": summary.since,
        "total": summary.received,
        "division": division.count,
        "division_names": "、".join(division.names) or _("none"),
        "section": section.count,
        "section_names": "、".join(section.names) or _("none"),
    }
    if other.count:
        first += _("; %(other)s others: %(other_names)s") % {
            "other": other.count,
            "other_names": "、".join(other.names),
        }
    first += _("; %(serving)s are still serving: %(serving_names)s.") % {
        "serving": summary.serving.count,
        "serving_names": "、".join(summary.serving.names) or _("none"),
    }
    sentences = [
        (
            _("%(sender)s's seconded cadre %(name)s serves as %(unit)s %(title)s, in charge of %(duties)s.")
            if p.duties
            else _("%(sender)s's seconded cadre %(name)s serves as %(unit)s %(title)s.")
        )
        % {"sender": p.sending_unit, "name": p.name, "unit": p.unit, "title": p.title, "duties": p.duties}
        for p in summary.placements
    ]
    return [first, *sentences]
