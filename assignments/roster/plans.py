"""What a roster check finds and plans: the problems at their cells, and for the valid rows what an
import would create and update."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cadres.models import Cadre, Specialty, Unit
from guazhi.workflow import TransitionError

from ..models import Assignment, Post, Secondment
from .reading import RosterSheet


@dataclass(frozen=True)
class RowError:
    """A problem at one cell: the row as Excel numbers it, the column's header and why."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("Row %(row)d %(column)s: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class ValidRow:
    number: int
    data: dict


@dataclass
class CadrePlan:
    instance: Cadre
    is_new: bool
    changed: list[str] = field(default_factory=list)
    # The specialties to set, or None to leave them as they are.
    specialties: list[Specialty] | None = None


@dataclass
class PostPlan:
    instance: Post
    is_new: bool
    status: str
    changed: list[str] = field(default_factory=list)


@dataclass
class AssignmentPlan:
    instance: Assignment
    is_new: bool
    changed: list[str] = field(default_factory=list)


@dataclass
class SecondmentPlan:
    row: int
    cadre: CadrePlan
    instance: Secondment
    is_new: bool
    from_status: str
    status: str
    changed: list[str] = field(default_factory=list)
    assignment: AssignmentPlan | None = None
    # A reporting date from which the intake checklist starts, for a secondment that had none.
    checklist_from: datetime.date | None = None

    @property
    def is_changed(self) -> bool:
        return bool(self.changed) or self.status != self.from_status


@dataclass
class RowPlan:
    number: int
    data: dict
    cadre: CadrePlan
    secondment: SecondmentPlan


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class RosterCheck:
    """Every problem in the file and, for its valid rows, what an import would write."""

    sheet: RosterSheet
    errors: list[RowError]
    rows: list[RowPlan]
    new_units: list[Unit]
    changed_units: list[Unit]
    new_specialties: list[Specialty]
    cadres: list[CadrePlan]
    secondments: list[SecondmentPlan]
    posts: list[PostPlan]
    assignments: list[AssignmentPlan]
    # Assignments on file that the import ends, because their secondment ends.
    closed_assignments: list[Assignment]

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, Counts]:
        cadres = Counts(
            created=sum(p.is_new for p in self.cadres),
            updated=sum(not p.is_new and bool(p.changed) for p in self.cadres),
        )
        cadres.unchanged = len(self.cadres) - cadres.created - cadres.updated
        secondments = Counts(
            created=sum(p.is_new for p in self.secondments),
            updated=sum(not p.is_new and p.is_changed for p in self.secondments),
        )
        secondments.unchanged = len(self.secondments) - secondments.created - secondments.updated
        closed = {a.pk for a in self.closed_assignments}
        assignments = Counts(
            created=sum(p.is_new for p in self.assignments),
            updated=sum(
                not p.is_new and (bool(p.changed) or p.instance.pk in closed) for p in self.assignments
            ),
        )
        assignments.unchanged = len(self.assignments) - assignments.created - assignments.updated
        assignments.updated += len(closed - {p.instance.pk for p in self.assignments})
        return {
            "cadres": cadres,
            "secondments": secondments,
            "assignments": assignments,
            "posts": Counts(
                created=sum(p.is_new for p in self.posts),
                updated=sum(not p.is_new and bool(p.changed) for p in self.posts),
            ),
            "units": Counts(created=len(self.new_units), updated=len(self.changed_units)),
            "specialties": Counts(created=len(self.new_specialties)),
        }

    @property
    def changes_anything(self) -> bool:
        return any(c.created or c.updated for c in self.counts().values())


class RosterInvalid(TransitionError):
    """The roster has invalid rows; ``check`` lists them and nothing was written."""

    def __init__(self, check: RosterCheck):
        super().__init__(
            _("The roster has %(count)d problem(s); nothing was written.") % {"count": len(check.errors)}
        )
        self.check = check


def month(day: datetime.date) -> str:
    """出生年月 as the roster writes it: a cadre is the same person whatever day of the month."""
    return day.strftime("%Y.%m")
