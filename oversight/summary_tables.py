"""The tables of the county summary: counts by tier, unit and year, the indicators, the units with
the most alerts and the confirmed appraisal grades per round, each in a fixed number of queries."""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from assignments.models import Assignment, Post, Talk
from cadres.choices import LevelBucket, UnitTier
from cadres.models import Cadre
from evaluations.choices import ROUTINE_GRADES, YEAR_END_GRADES, AppraisalStatus, Grade, RoundKind
from evaluations.models import Appraisal, AppraisalRound

from . import radar_watches
from .dashboard import UnitRow, unit_watches

if TYPE_CHECKING:
    from selection.reports import SelectionFigures

    from .summary import Summary
    from .summary_terms import Term


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


def _level_columns() -> list[str]:
    return [str(LevelBucket(b).label) for b in LevelBucket.values]


def _tier_order(row: list) -> int:
    labels = [str(label) for label in UnitTier.labels]
    return labels.index(row[0]) if row[0] in labels else len(labels)


def counts_tables(terms: list["Term"]) -> list[Table]:
    """Counts by sending tier, sending unit, receiving unit and year, each with its levels, in one pass."""
    headers = [_("total"), *_level_columns()]
    tiers = {value: str(label) for value, label in UnitTier.choices}
    column = {bucket: index for index, bucket in enumerate(LevelBucket.values, start=1)}
    width = len(column) + 1
    by_tier, by_sender, by_unit, by_year = ({} for _table in range(4))
    for term in terms:
        level = column[term.bucket]
        keys = [
            (by_tier, tiers.get(term.tier, term.tier)),
            (by_sender, term.sender),
            (by_year, term.start.year),
        ]
        if term.unit is not None:
            keys.append((by_unit, term.unit))
        for table, key in keys:
            counts = table.get(key)
            if counts is None:
                counts = table[key] = [0] * width
            counts[0] += 1
            counts[level] += 1

    def largest_first(table: dict) -> list[list]:
        return [
            [key, *counts]
            for key, counts in sorted(table.items(), key=lambda item: (-item[1][0], str(item[0])))
        ]

    return [
        Table(
            "by_tier",
            _("By sending tier"),
            [_("sending tier"), *headers],
            sorted(largest_first(by_tier), key=_tier_order),
        ),
        Table(
            "by_sending_unit", _("By sending unit"), [_("sending unit"), *headers], largest_first(by_sender)
        ),
        Table(
            "by_receiving_unit",
            _("By receiving unit"),
            [_("receiving unit"), *headers],
            largest_first(by_unit),
            note=_("The unit of the current post, or of the last post for terms that have ended."),
        ),
        Table(
            "by_year",
            _("By year of arrival"),
            [_("year"), *headers],
            [[year, *counts] for year, counts in sorted(by_year.items())],
        ),
    ]


def median_days_to_first_post(terms: list["Term"]) -> float | None:
    days = [(t.first_post - t.reported).days for t in terms if t.reported is not None and t.first_post]
    return float(statistics.median(days)) if days else None


def specialty_match(received: QuerySet | None) -> tuple[int, int]:
    """Placements where the cadre has at least one of the post's wanted specialties, and all placements,
    of the received terms (the primary keys given; None for every term)."""
    wanted = Post.specialties.through.objects.filter(post_id=OuterRef(OuterRef("post_id"))).values(
        "specialty_id"
    )
    has = Cadre.specialties.through.objects.filter(
        cadre_id=OuterRef("secondment__cadre_id"), specialty_id__in=wanted
    )
    placements = (
        Assignment.objects.all() if received is None else Assignment.objects.filter(secondment__in=received)
    )
    counts = placements.aggregate(placements=Count("pk"), matched=Count("pk", filter=Q(Exists(has))))
    return counts["matched"], counts["placements"]


def talks_held_and_due(
    received: QuerySet | None, terms: list["Term"], today: datetime.date
) -> tuple[int, int]:
    """Talks held, and talks due: one when reporting and one every NO_TALK_DAYS after it, for the
    received terms (the primary keys given; None for every term)."""
    every = settings.GUAZHI["NO_TALK_DAYS"]
    talks = Talk.objects.all() if received is None else Talk.objects.filter(secondment__in=received)
    held = talks.count()
    due = sum(
        1 + max(0, ((t.actual_end or today) - t.reported).days) // every
        for t in terms
        if t.reported is not None
    )
    return held, due


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def indicators_table(median: float | None, specialty_match: tuple[int, int], talks: tuple[int, int]) -> Table:
    matched, placed = specialty_match
    held, due = talks
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


def alerts_table(user, unit_rows: list[UnitRow]) -> Table:
    """The receiving units with the most open alerts today (the dashboard's per-unit rows)."""
    columns = unit_watches(user)
    rows = [row for row in unit_rows if row.unit_id is not None and row.open_items]
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


def charts(tables: list[Table]) -> dict:
    by_year = next(t for t in tables if t.key == "by_year")
    by_unit = next(t for t in tables if t.key == "by_receiving_unit")
    levels = _level_columns()
    found = {table.key: table.chart for table in tables if table.chart}
    return found | {
        "arrivals": {
            "labels": [str(row[0]) for row in by_year.rows],
            "series": [
                {"label": label, "data": [row[2 + i] for row in by_year.rows]}
                for i, label in enumerate(levels)
            ],
        },
        # Every receiving unit, each with its bar and its label.
        "receiving_units": {
            "labels": [row[0] for row in by_unit.rows],
            "series": [{"label": str(_("total")), "data": [row[1] for row in by_unit.rows]}],
        },
    }


def grades_by_round(received: QuerySet | None) -> list[Table]:
    """Confirmed grades per round, for the secondments the summary counts (the primary keys
    given; None for every secondment), in two queries: one table for the annual, end-of-term and
    special rounds (优秀 / 称职 / 基本称职 / 不称职 / 不定等次), one for the routine rounds in their
    own terms (好 / 较好 / 一般 / 较差).

    Counting by round and grade reads the index on (status, round, grade) in its
    own order; the round titles are then looked up for the few rounds found.
    """
    counts: dict[int | None, dict[str, int]] = defaultdict(dict)
    confirmed = Appraisal.objects.filter(status=AppraisalStatus.CONFIRMED)
    if received is not None:
        confirmed = confirmed.filter(secondment__in=received)
    for round_id, grade, n in confirmed.values_list("round_id", "grade").annotate(n=Count("pk")).order_by():
        counts[round_id][grade] = n
    rounds = AppraisalRound.objects.in_bulk([pk for pk in counts if pk is not None])

    def in_order(pk: int | None) -> tuple:
        # By period and title; the end-of-term appraisals that no round gathered come last.
        if pk is None:
            return (1, datetime.date.max, "")
        return (0, rounds[pk].period_start, rounds[pk].title)

    def routine(pk: int | None) -> bool:
        return pk is not None and rounds[pk].kind == RoundKind.ROUTINE

    order = sorted(counts, key=in_order)
    return [
        _grades_table(
            "grades_by_round",
            _("Confirmed grades per round"),
            [pk for pk in order if not routine(pk)],
            YEAR_END_GRADES,
            counts,
            rounds,
        ),
        _grades_table(
            "routine_grades_by_round",
            _("Confirmed grades per routine round"),
            [pk for pk in order if routine(pk)],
            ROUTINE_GRADES,
            counts,
            rounds,
        ),
    ]


def _grades_table(key: str, title: str, order: list, grades: tuple, counts: dict, rounds: dict) -> Table:
    rows = [
        [
            rounds[pk].title if pk is not None else _("End-of-term appraisals outside a round"),
            sum(counts[pk].values()),
            *(counts[pk].get(g, 0) for g in grades),
        ]
        for pk in order
    ]
    labels = [str(Grade(g).label) for g in grades]
    chart = {
        "labels": [row[0] for row in rows],
        "series": [{"label": label, "data": [row[2 + i] for row in rows]} for i, label in enumerate(labels)],
    }
    return Table(key, title, [_("round"), _("total"), *labels], rows, chart=chart if rows else None)


def selection_tables(figures: "SelectionFigures | None") -> list[Table]:
    """Selection before arrival (按需选派): the seats published cycles asked for, filled and not, by
    receiving unit and by wanted specialty."""
    if figures is None or not figures.seats:
        return []
    headers = [_("seats asked for"), _("filled"), _("unfilled")]
    return [
        Table(
            "selection_by_unit",
            _("Needs by receiving unit"),
            [_("receiving unit"), *headers],
            [[name, seats, filled, seats - filled] for name, seats, filled in figures.by_unit],
        ),
        Table(
            "selection_by_specialty",
            _("Needs by wanted specialty"),
            [_("specialty"), *headers],
            [[name, seats, filled, seats - filled] for name, seats, filled in figures.by_specialty],
        ),
    ]


def selection_contract(figures: "SelectionFigures | None") -> dict | None:
    if figures is None:
        return None
    return {
        "seats": figures.seats,
        "filled": figures.filled,
        "unfilled": figures.unfilled,
        "arrivals": figures.arrivals,
        "arrivals_through_needs": figures.arrivals_through_needs,
        "fill_rate": figures.rate,
    }


def role_deviation(summary: "Summary") -> dict[str, int]:
    """The role-deviation radar's counts for the JSON (see ``radar_watches.role_deviation``)."""
    return radar_watches.role_deviation(summary)
