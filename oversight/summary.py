"""The county summary (the first section of the county's report), computed by aggregate queries.

Everything here reads through ``secondments_visible_to`` and runs a fixed
number of queries whatever the data size: the received terms are read once,
with what every count, table and indicator needs, and counted in Python; the
tables (``summary_tables``) include the confirmed appraisal grades per round.
"""

import datetime
import html
from dataclasses import dataclass, field
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assignments.choices import SERVING_STATUSES
from assignments.models import Assignment, Secondment
from assignments.selectors import secondments_visible_to
from cadres.choices import LevelBucket
from cadres.models import Unit
from guazhi.access import is_org_staff
from guazhi.dates import long_date
from selection.reports import SelectionFigures, selection_figures

from . import summary_tables as tables
from .dashboard import dashboard
from .summary_projects import ProjectFigures, project_figures
from .summary_sections import Section, report_sections
from .summary_tables import Table
from .watch import Watch, WatchCount


@dataclass
class NamedCount:
    count: int
    names: list[str]
    # Each name as the report's "分别是" writes it: 省财政厅下派的挂职干部刘建国（挂任县人民政府副县长）.
    described: list[str] = field(default_factory=list)


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
    # Each watch's count today over what the user sees (none for the operator of summary_report).
    watch_counts: list[WatchCount] = field(default_factory=list)
    # Selection before arrival (按需选派), for those who see the whole county.
    selection: SelectionFigures | None = None
    projects: ProjectFigures = field(default_factory=ProjectFigures)
    _paragraphs: list[str] | None = field(default=None, init=False, repr=False)

    @property
    def today_text(self) -> str:
        return long_date(self.today)

    @property
    def talk_interval(self) -> int:
        return settings.GUAZHI["NO_TALK_DAYS"]

    def neglects(self) -> list[tuple[Watch, int]]:
        return [(c.watch, c.count) for c in self.watch_counts if c.watch.neglect]

    def notices(self) -> list[tuple[Watch, int]]:
        """The watches that inform rather than report a neglect, but for the user's own queue."""
        return [(c.watch, c.count) for c in self.watch_counts if not c.watch.neglect and not c.watch.personal]

    def sections(self) -> list[Section]:
        """The report's sections 一 to 四, as the page and the Word file lay them out."""
        return report_sections(self)

    @property
    def specialty_match_rate(self) -> float | None:
        matched, placed = self.specialty_match
        return matched / placed if placed else None

    @property
    def title(self) -> str:
        """The report's title, and its files' name: 2023年以来挂职干部工作情况."""
        return _("Work on seconded cadres since %(since)s") % {"since": self.since}

    def paragraphs(self) -> list[str]:
        """The county's own phrasing, as the report's first section writes it (made once: a large
        county has thousands of sentences, which the page, the files and the sections all read)."""
        if self._paragraphs is None:
            self._paragraphs = summary_paragraphs(self)
        return self._paragraphs

    def paragraphs_html(self) -> SafeString:
        """The paragraphs as HTML, each escaped by the standard library (Django's escape checks for lazy
        strings on each call): a large county's thousands of sentences are too many for a template."""
        return mark_safe("\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in self.paragraphs()))

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
            "selection": tables.selection_contract(self.selection),
            "projects": self.projects.contract(),
            "role_deviation": tables.role_deviation(self),
        }


def _visible(user) -> QuerySet:
    """The secondments the report covers; None is the operator on the server, who sees all."""
    return Secondment.objects.all() if user is None else secondments_visible_to(user)


def earliest_year(user) -> int:
    first = _visible(user).aggregate(first=Min("term_start"))["first"]
    return first.year if first else timezone.localdate().year


def _read(queryset: QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` query, straight from the cursor.

    The SQL is the ORM's own (so the visibility filter is kept); only Django's
    per-row conversion is skipped, which on 20,000 terms costs more than the
    query. Dates therefore arrive as the backend gives them: see ``_date``.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _date(value) -> datetime.date | None:
    """A date as read by ``_read``: a date object, or ISO text where SQLite cannot tell the
    column's type (a ``Min`` of dates)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


@dataclass(slots=True)
class Term:
    """What the summary says of one secondment."""

    start: datetime.date
    status: str
    reported: datetime.date | None
    actual_end: datetime.date | None
    bucket: str
    name: str
    tier: str
    sender: str
    unit: str | None
    first_post: datetime.date | None
    # The receiving unit, title and duties of the post held now, if any.
    open_post: tuple[str, str, str] | None
    # The receiving unit and title of the post held now, or last held; None if never placed.
    post: tuple[str, str] | None = None
    pk: int = 0

    def described(self) -> str:
        """The cadre as the report names them: who sent them, and the post they hold (or held)."""
        if self.post is None:
            return _("%(name)s, seconded by %(sender)s") % {"name": self.name, "sender": self.sender}
        unit, title = self.post
        return _("%(name)s, seconded by %(sender)s (serving as %(title)s of %(unit)s)") % {
            "name": self.name,
            "sender": self.sender,
            "unit": unit,
            "title": title,
        }


def _county_terms(visible: QuerySet, sees_all: bool) -> list[Term]:
    """Every visible secondment with what the summary needs of it, in three narrow queries,
    sorted by term start, then name (the order every list of names follows).

    The units are read once and looked up here, and the posts held are read
    apart from the terms: joining them too looks up two units and the posts
    for every row, which on a county of 20,000 terms costs more than reading
    each table once. Someone who sees every secondment needs no filter on the
    posts held.
    """
    units: dict[int, str] = {}
    tiers: dict[int, str] = {}
    for pk, name, tier in Unit.objects.values_list("pk", "name", "tier"):
        units[pk], tiers[pk] = name, tier
    held = Assignment.objects.order_by()
    if not sees_all:
        held = held.filter(secondment__in=visible.values("pk"))
    first_post: dict[int, datetime.date] = {}
    open_post: dict[int, tuple[str, str, str]] = {}
    latest: dict[int, tuple[datetime.date, int, str, str]] = {}
    for pk, start, end, unit_id, title, duties, assignment_id in _read(
        held.values_list("secondment_id", "start_date", "end_date", "post__unit_id", "title", "duties", "pk")
    ):
        start = _date(start)
        if pk not in first_post or start < first_post[pk]:
            first_post[pk] = start
        if end is None:
            open_post[pk] = (units[unit_id], title, duties)
        if pk not in latest or (start, assignment_id) > latest[pk][:2]:
            latest[pk] = (start, assignment_id, units[unit_id], title)
    rows = visible.order_by().values_list(
        "pk",
        "term_start",
        "status",
        "reported_on",
        "actual_end",
        "sending_unit_id",
        "current_unit_id",
        "cadre__name",
        "cadre__level_bucket",
    )
    terms = [
        Term(
            _date(start),
            status,
            _date(reported),
            _date(actual_end),
            bucket,
            name,
            tiers[sender_id],
            units[sender_id],
            units.get(unit_id),
            first_post.get(pk),
            open_post.get(pk),
            _post_now_or_last(open_post.get(pk), latest.get(pk)),
            pk,
        )
        for pk, start, status, reported, actual_end, sender_id, unit_id, name, bucket in _read(rows)
    ]
    terms.sort(key=attrgetter("start", "name"))
    return terms


def _post_now_or_last(open_post, latest) -> tuple[str, str] | None:
    if open_post is not None:
        return open_post[0], open_post[1]
    return (latest[2], latest[3]) if latest is not None else None


def _named(terms: list[Term]) -> NamedCount:
    return NamedCount(len(terms), [t.name for t in terms], [t.described() for t in terms])


def _serving(terms: list[Term]) -> tuple[NamedCount, list[Placement]]:
    """Those in post or under review today, and the post each holds, in the order of ``terms``."""
    statuses = {str(status) for status in SERVING_STATUSES}
    serving = [t for t in terms if t.status in statuses]
    placements = [
        Placement(sending_unit=t.sender, name=t.name, unit=unit, title=title, duties=duties)
        for t in serving
        if t.open_post is not None
        for unit, title, duties in [t.open_post]
    ]
    return _named(serving), placements


def county_summary(user, since: int | None = None, today: datetime.date | None = None) -> Summary:
    """Everything the summary page, its exports and summary_report show."""
    today = today or timezone.localdate()
    visible = _visible(user)
    # Staff see every secondment (secondments_visible_to), so their counts need no filter.
    sees_all = user is None or is_org_staff(user)
    since = since or earliest_year(user)
    # Received: the terms that began in or after the year, and have begun by today.
    first_day = datetime.date(since, 1, 1)
    everyone = _county_terms(visible, sees_all)
    terms = [t for t in everyone if first_day <= t.start <= today]
    everything_received = len(terms) == len(everyone)
    received = visible if everything_received else visible.filter(term_start__range=(first_day, today))
    by_level = {bucket: _named([t for t in terms if t.bucket == bucket]) for bucket in LevelBucket.values}
    serving, placements = _serving(everyone)
    summary = Summary(
        since=since,
        today=today,
        received=len(terms),
        by_level=by_level,
        serving=serving,
        placements=placements,
    )
    summary.tables = tables.counts_tables(terms)
    summary.median_days_to_post = tables.median_days_to_first_post(terms)
    # Unfiltered counts for someone who sees every term received; a filter on the terms otherwise.
    of_received = None if sees_all and everything_received else received.values("pk")
    summary.specialty_match = tables.specialty_match(of_received)
    summary.talks = tables.talks_held_and_due(of_received, terms, today)
    summary.tables.append(
        tables.indicators_table(summary.median_days_to_post, summary.specialty_match, summary.talks)
    )
    summary.projects = project_figures(of_received, terms)
    summary.tables.append(summary.projects.table)
    if user is not None:
        board = dashboard(user, today)
        summary.watch_counts = board.counts
        summary.tables.append(tables.alerts_table(user, board.rows))
    summary.tables.extend(tables.grades_by_round(of_received))
    if sees_all:
        summary.selection = selection_figures(None if everything_received else received.values("pk"))
        summary.tables.extend(tables.selection_tables(summary.selection))
    summary.charts = tables.charts(summary.tables)
    return summary


def _level_clause(named: NamedCount, with_names: str, without_names: str) -> str:
    if named.count:
        return with_names % {"count": named.count, "names": "、".join(named.described)}
    return without_names % {"count": named.count}


def summary_paragraphs(summary: Summary) -> list[str]:
    if summary.received:
        clauses = [
            _level_clause(
                summary.by_level["division"],
                _("%(count)s at division level: %(names)s"),
                _("%(count)s at division level"),
            ),
            _level_clause(
                summary.by_level["section"],
                _("%(count)s at section level: %(names)s"),
                _("%(count)s at section level"),
            ),
        ]
        if summary.by_level["other"].count:
            clauses.append(_level_clause(summary.by_level["other"], _("%(count)s others: %(names)s"), ""))
        first = _(
            "Since %(since)s, the county has received %(total)s cadres seconded by the provincial and "
            "municipal Party organization departments, of whom %(levels)s"
        ) % {
            "since": summary.since,
            "total": summary.received,
            "levels": pgettext("clauses", "; ").join(clauses),
        }
    else:
        first = _(
            "Since %(since)s, the county has received no cadres seconded by the provincial and municipal "
            "Party organization departments"
        ) % {"since": summary.since}
    if summary.serving.count:
        first += _("; %(serving)s are still serving: %(serving_names)s.") % {
            "serving": summary.serving.count,
            "serving_names": "、".join(summary.serving.described),
        }
    else:
        first += _("; none is serving now.")
    with_duties = _(
        "%(sender)s's seconded cadre %(name)s serves as %(unit)s %(title)s, in charge of %(duties)s."
    )
    without_duties = _("%(sender)s's seconded cadre %(name)s serves as %(unit)s %(title)s.")
    sentences = [
        (with_duties if p.duties else without_duties)
        % {"sender": p.sending_unit, "name": p.name, "unit": p.unit, "title": p.title, "duties": p.duties}
        for p in summary.placements
    ]
    return [first, *sentences]
