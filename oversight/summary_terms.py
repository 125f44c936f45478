"""The terms a county summary names, read in a few queries: each secondment as a ``Term``, the
counts with their names, and who serves where today."""

import datetime
from dataclasses import dataclass, field
from operator import attrgetter

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from assignments.choices import SERVING_STATUSES
from assignments.models import Assignment
from cadres.models import Unit


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


def read_rows(queryset: QuerySet) -> list[tuple]:
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
    """A date as read by ``read_rows``: a date object, or ISO text where SQLite cannot tell the
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

    def described(self, words: tuple[str, str] | None = None) -> str:
        """The cadre as the report names them: who sent them, and the post they hold (or held).
        ``words`` are the two sentences, translated once by a caller naming thousands."""
        unplaced, placed = words or _described_words()
        if self.post is None:
            return unplaced % {"name": self.name, "sender": self.sender}
        unit, title = self.post
        return placed % {
            "name": self.name,
            "sender": self.sender,
            "unit": unit,
            "title": title,
        }


def county_terms(visible: QuerySet, sees_all: bool) -> list[Term]:
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
    for pk, start, end, unit_id, title, duties, assignment_id in read_rows(
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
        for pk, start, status, reported, actual_end, sender_id, unit_id, name, bucket in read_rows(rows)
    ]
    terms.sort(key=attrgetter("start", "name"))
    return terms


def _post_now_or_last(open_post, latest) -> tuple[str, str] | None:
    if open_post is not None:
        return open_post[0], open_post[1]
    return (latest[2], latest[3]) if latest is not None else None


def _described_words() -> tuple[str, str]:
    return (
        _("%(name)s, seconded by %(sender)s"),
        _("%(name)s, seconded by %(sender)s (serving as %(title)s of %(unit)s)"),
    )


def named_count(terms: list[Term]) -> NamedCount:
    words = _described_words()
    return NamedCount(len(terms), [t.name for t in terms], [t.described(words) for t in terms])


def serving_terms(terms: list[Term]) -> tuple[NamedCount, list[Placement]]:
    """Those in post or under review today, and the post each holds, in the order of ``terms``."""
    statuses = {str(status) for status in SERVING_STATUSES}
    serving = [t for t in terms if t.status in statuses]
    placements = [
        Placement(sending_unit=t.sender, name=t.name, unit=unit, title=title, duties=duties)
        for t in serving
        if t.open_post is not None
        for unit, title, duties in [t.open_post]
    ]
    return named_count(serving), placements
