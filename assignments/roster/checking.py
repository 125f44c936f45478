"""Checking a roster: each row by a form with the edit pages' rules, then the rows together
against what is on file, planning what an import would create and update.

Reads only, in a constant number of queries whatever the number of rows; the
writes are ``importing.import_roster``, which carries out the plan.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import QuerySet

from cadres.models import Specialty, Unit

from ..models import Assignment
from .columns import guess_tier
from .planning_cadres import CadrePlanning
from .planning_secondments import SecondmentPlanning
from .plans import (
    CadrePlan,
    PostPlan,
    RosterCheck,
    RosterInvalid,
    RowError,
    RowPlan,
    SecondmentPlan,
    ValidRow,
)
from .reading import RosterSheet
from .row_form import RosterRowForm
from .splitting import UnitSplitter

__all__ = ["RosterCheck", "RosterInvalid", "RowError", "RowPlan", "check_roster"]


def check_roster(sheet: RosterSheet, *, create_units: bool = False, lock: bool = False) -> RosterCheck:
    """Check every row and plan the import against what is on file, in a fixed number of queries.

    With ``lock`` (inside the import's transaction) the rows the import may
    change are read with select_for_update.
    """
    return _Planner(sheet, create_units=create_units, lock=lock).run()


class _Planner(CadrePlanning, SecondmentPlanning):
    def __init__(self, sheet: RosterSheet, *, create_units: bool, lock: bool):
        self.sheet = sheet
        self.create_units = create_units
        self.lock = lock
        self.errors: list[RowError] = []
        self._seen: set[RowError] = set()
        self.units = {unit.name: unit for unit in Unit.objects.all()}
        self.specialties = {specialty.name: specialty for specialty in Specialty.objects.all()}
        self.new_units: dict[str, Unit] = {}
        self.changed_units: dict[str, Unit] = {}
        self.new_specialties: dict[str, Specialty] = {}
        self.cadre_plans: dict[tuple, CadrePlan] = {}
        self.key_of_row: dict[int, tuple] = {}
        self.secondment_plans: list[SecondmentPlan] = []
        self.post_plans: dict[tuple, PostPlan] = {}
        self.closed_assignments: list[Assignment] = []

    def _locked(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_for_update(of=("self",)) if self.lock else queryset

    def _header(self, field_name: str) -> str:
        return self.sheet.header_of(field_name)

    def _error(self, row: int, field_name: str, reason) -> None:
        error = RowError(row, self._header(field_name), str(reason))
        # Two fields read from one column (挂职时间) may fail alike: the column is named once.
        if error not in self._seen:
            self._seen.add(error)
            self.errors.append(error)

    def run(self) -> RosterCheck:
        rows = self._validate_rows()
        self._plan_reference_data(rows)
        self._plan_cadres(rows)
        rows = [row for row in rows if row.number in self.key_of_row]
        row_plans = self._plan_secondments(rows)
        self._check_one_open_secondment_per_cadre()
        posts = self._plan_posts()
        positions = {self._header(name): self.sheet.position_of(name) for name in self.sheet.by_field}
        self.errors.sort(key=lambda e: (e.row, positions.get(e.column, len(positions))))
        return RosterCheck(
            sheet=self.sheet,
            errors=self.errors,
            rows=row_plans,
            new_units=list(self.new_units.values()),
            changed_units=list(self.changed_units.values()),
            new_specialties=list(self.new_specialties.values()),
            cadres=list(self.cadre_plans.values()),
            secondments=self.secondment_plans,
            posts=posts,
            assignments=[p.assignment for p in self.secondment_plans if p.assignment is not None],
            closed_assignments=self.closed_assignments,
        )

    def _validate_rows(self) -> list[ValidRow]:
        valid = []
        form = RosterRowForm(units=self.units, specialties=self.specialties, create_units=self.create_units)
        splitter = UnitSplitter(self.sheet, self.units)
        for raw in self.sheet.rows:
            splitter.split(raw)
            is_valid = form.check(raw.cells)
            for field_name, reason in raw.problems.items():
                self._error(raw.number, field_name, reason)
            for field_name, messages in form.errors.items():
                if field_name in raw.problems:
                    continue
                for message in messages:
                    self._error(raw.number, "name" if field_name == NON_FIELD_ERRORS else field_name, message)
            if is_valid and not raw.problems:
                valid.append(ValidRow(raw.number, form.cleaned_data))
        return valid

    def _need_unit(self, name: str, *, sends: bool = False, receives: bool = False) -> None:
        unit = self.units.get(name)
        if unit is None:
            unit = Unit(name=name, tier=guess_tier(name))
            self.units[name] = self.new_units[name] = unit
        changed = (sends and not unit.sends) or (receives and not unit.receives)
        unit.sends = unit.sends or sends
        unit.receives = unit.receives or receives
        if changed and unit.pk is not None:
            self.changed_units[name] = unit

    def _plan_reference_data(self, rows: list[ValidRow]) -> None:
        """Units and specialties the rows name that are not on file (only reached when the
        import may create them), and units that start sending or receiving."""
        for row in rows:
            for name in row.data["specialties"]:
                if name not in self.specialties:
                    self.specialties[name] = self.new_specialties[name] = Specialty(name=name)
            self._need_unit(row.data["sending_unit"], sends=True)
            if row.data["home_unit"]:
                self._need_unit(row.data["home_unit"])
            if row.data["unit"]:
                self._need_unit(row.data["unit"], receives=True)
