"""The county summary (the first section of the county's report), computed by aggregate queries.

Everything here reads through ``secondments_visible_to`` and runs a fixed
number of queries whatever the data size: the received terms are read once,
with what every count, table and indicator needs, and counted in Python; the
tables (``summary_tables``) include the confirmed appraisal grades per round.
"""

import datetime
import html
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assignments.models import Secondment
from assignments.selectors import secondments_visible_to
from cadres.choices import LevelBucket
from guazhi.access import is_org_staff
from guazhi.dates import long_date
from selection.reports import SelectionFigures, selection_figures

from . import summary_tables as tables
from .dashboard import dashboard
from .summary_projects import ProjectFigures, project_figures
from .summary_sections import Section, report_sections
from .summary_tables import Table
from .summary_terms import NamedCount, Placement, county_terms, named_count, serving_terms
from .watch import Watch, WatchCount


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


def county_summary(user, since: int | None = None, today: datetime.date | None = None) -> Summary:
    """Everything the summary page, its exports and summary_report show."""
    today = today or timezone.localdate()
    visible = _visible(user)
    # Staff see every secondment (secondments_visible_to), so their counts need no filter.
    sees_all = user is None or is_org_staff(user)
    since = since or earliest_year(user)
    # Received: the terms that began in or after the year, and have begun by today.
    first_day = datetime.date(since, 1, 1)
    everyone = county_terms(visible, sees_all)
    terms = [t for t in everyone if first_day <= t.start <= today]
    everything_received = len(terms) == len(everyone)
    received = visible if everything_received else visible.filter(term_start__range=(first_day, today))
    by_level = {
        bucket: named_count([t for t in terms if t.bucket == bucket]) for bucket in LevelBucket.values
    }
    serving, placements = serving_terms(everyone)
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
