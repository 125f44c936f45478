"""The projects of the seconded cadres (工作纪实's 主持/承担/参与), for the county summary: a paragraph per
cadre in section 二 naming what they led or carried, a table of those projects by kind and receiving unit,
and the counts the JSON carries.

The projects of every term the summary covers are read in one query, whatever their number. A project
the cadre only took part in (参与) is counted in the JSON but neither named nor tabled: the report says
what each cadre was responsible for.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from worklog.choices import ProjectKind, ProjectRole
from worklog.models import Project

from .summary_tables import Table
from .summary_terms import read_rows

if TYPE_CHECKING:
    from .summary_terms import Term

# The roles the report names and tables, in the order it names them.
REPORTED_ROLES = (ProjectRole.LEADS, ProjectRole.CARRIES)


@dataclass
class ProjectFigures:
    """What the summary says of the projects of the terms it covers."""

    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_role: dict[str, int] = field(default_factory=dict)
    # The sentences of section 二: the counts, then one per cadre who led or carried a project.
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None

    def contract(self) -> dict:
        return {"total": self.total, "by_kind": self.by_kind, "by_role": self.by_role}


@dataclass(slots=True)
class _Row:
    secondment_id: int
    name: str
    kind: str
    role: str
    # As the cursor gives it (read_rows): a date, or its ISO text on SQLite; both sort by the day.
    started_on: datetime.date | str | None
    pk: int

    def order(self) -> tuple:
        # Within a cadre's sentence: what they led, then what they carried, each by start, unstarted last.
        return (
            REPORTED_ROLES.index(self.role),
            self.started_on is None,
            str(self.started_on or ""),
            self.pk,
        )


def project_figures(received: QuerySet | None, terms: list["Term"]) -> ProjectFigures:
    """The projects of ``terms`` (sorted as every list of names is), read in one query; ``received`` are
    the primary keys of those terms, or None when they are every secondment."""
    projects = Project.objects.all() if received is None else Project.objects.filter(secondment__in=received)
    covered = {term.pk for term in terms}
    listed = projects.order_by().values_list("secondment_id", "name", "kind", "role", "started_on", "pk")
    rows = [_Row(*values) for values in read_rows(listed) if values[0] in covered]
    by_kind = dict.fromkeys(ProjectKind.values, 0)
    by_role = dict.fromkeys(ProjectRole.values, 0)
    reported: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        by_kind[row.kind] = by_kind.get(row.kind, 0) + 1
        by_role[row.role] = by_role.get(row.role, 0) + 1
        if row.role in REPORTED_ROLES:
            reported[row.secondment_id].append(row)
    return ProjectFigures(
        total=len(rows),
        by_kind=by_kind,
        by_role=by_role,
        paragraphs=_paragraphs(terms, reported, by_role),
        table=_table(terms, reported),
    )


def _unit(term: "Term") -> str | None:
    """The receiving unit the term is counted under: its current (or last) unit, else its post's."""
    return term.unit or (term.post[0] if term.post else None)


def _quoted(name: str) -> str:
    """The name as it goes inside the sentence's “”: quotes typed around all of it dropped, quotes
    within it turned to the inner ‘’."""
    inner = name[1:-1]
    if len(name) > 2 and name[0] == "“" and name[-1] == "”" and "“" not in inner and "”" not in inner:
        name = inner
    return name.replace("“", "‘").replace("”", "’")


class _Words:
    """The sentence's words in the active language, looked up once for the thousands of sentences of a
    large county rather than once per project."""

    def __init__(self) -> None:
        self.other = _("the work of “%(name)s”")
        self.kind = _("the %(kind)s work of “%(name)s”")
        self.kinds = {kind: str(label) for kind, label in ProjectKind.choices}
        self.said = {ProjectRole.LEADS: _("led %(projects)s"), ProjectRole.CARRIES: _("carried %(projects)s")}
        self.between = pgettext("project clauses", ", ")
        self.placed = _("During the secondment to %(unit)s, comrade %(name)s %(work)s.")
        self.unplaced = _("During the secondment, comrade %(name)s %(work)s.")

    def project(self, row: _Row) -> str:
        name = _quoted(row.name)
        if row.kind == ProjectKind.OTHER or row.kind not in self.kinds:
            return self.other % {"name": name}
        return self.kind % {"name": name, "kind": self.kinds[row.kind]}

    def sentence(self, term: "Term", rows: list[_Row]) -> str:
        """张三同志在县发改局挂职期间，主持“*药业”招商引资工作，承担“YY”项目建设工作。"""
        clauses = []
        ordered = sorted(rows, key=_Row.order)
        for role in REPORTED_ROLES:
            own = [self.project(row) for row in ordered if row.role == role]
            if own:
                clauses.append(self.said[role] % {"projects": "、".join(own)})
        work = self.between.join(clauses)
        unit = _unit(term)
        if unit is None:
            return self.unplaced % {"name": term.name, "work": work}
        return self.placed % {"name": term.name, "unit": unit, "work": work}


def _paragraphs(terms: list["Term"], reported: dict[int, list[_Row]], by_role: dict[str, int]) -> list[str]:
    led, carried = by_role[ProjectRole.LEADS], by_role[ProjectRole.CARRIES]
    if not led + carried:
        return [_("No project led or carried by a seconded cadre has been recorded yet.")]
    cadres = sum(1 for term in terms if term.pk in reported)
    opening = _(
        "%(cadres)d seconded cadres led or carried %(total)d projects: %(led)d led and %(carried)d carried."
    ) % {"cadres": cadres, "total": led + carried, "led": led, "carried": carried}
    words = _Words()
    return [opening, *(words.sentence(term, reported[term.pk]) for term in terms if term.pk in reported)]


def _table(terms: list["Term"], reported: dict[int, list[_Row]]) -> Table:
    """The projects led or carried, by receiving unit (rows, most projects first) and kind, with totals."""
    column = {kind: index for index, kind in enumerate(ProjectKind.values, start=1)}
    width = len(column) + 1
    by_unit: dict[str, list[int]] = {}
    for term in terms:
        for row in reported.get(term.pk, []):
            counts = by_unit.setdefault(_unit(term) or _("Not yet placed"), [0] * width)
            counts[0] += 1
            counts[column.get(row.kind, column[ProjectKind.OTHER])] += 1
    rows = [
        [unit, *counts] for unit, counts in sorted(by_unit.items(), key=lambda item: (-item[1][0], item[0]))
    ]
    if rows:
        rows.append([_("total"), *(sum(row[index] for row in rows) for index in range(1, width + 1))])
    return Table(
        "projects_by_unit",
        _("Projects led or carried by seconded cadres"),
        [_("receiving unit"), _("total"), *(str(label) for label in ProjectKind.labels)],
        rows,
        note=_(
            "Projects the cadres led (主持) or carried (承担), by the unit of their current or last post; "
            "projects they took part in (参与) are not counted here."
        ),
    )
