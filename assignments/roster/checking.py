"""Checking a roster: each row by a form with the edit pages' rules, then the rows together
against what is on file, planning what an import would create and update.

Reads only, in a constant number of queries whatever the number of rows; the
writes are ``assignments.services.import_roster``, which carries out the plan.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.choices import Degree, Education, Ethnicity, Gender, Grade, LeadershipLevel, PoliticalStatus
from cadres.forms import FlexibleDateField, check_identity
from cadres.models import Cadre, Specialty, Unit
from cadres.validators import birth_date_of, gender_digit_is_male, normalise_id_number, validate_id_number
from guazhi.workflow import TransitionError

from ..choices import OPEN_STATUSES, EndReason, ExpectedLevel, PostStatus, SecondmentStatus
from ..models import Assignment, Post, Secondment
from .columns import COLUMNS, HEADER_OF, SPECIALTY_SEPARATORS, chinese_labels, guess_tier, spellings, squeeze
from .reading import RosterSheet

S = SecondmentStatus
COLUMN_INDEX = {column.header: index for index, column in enumerate(COLUMNS)}
# How far along the workflow a status is: an import never moves a secondment back.
PROGRESS = {
    S.EXPECTED: 0,
    S.AWAITING_POST: 1,
    S.IN_POST: 2,
    S.UNDER_REVIEW: 3,
    S.COMPLETED: 4,
    S.ENDED_EARLY: 4,
}


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


class ChoiceLabelField(forms.CharField):
    """A choice written as its Chinese label, its stored value, or a common other spelling."""

    def __init__(self, choices, **kwargs):
        self.choice_class = choices
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        found = spellings(self.choice_class).get(squeeze(text).lower())
        if found is None:
            labels = list(chinese_labels(self.choice_class).values())
            allowed = "、".join(labels) if len(labels) <= 15 else _("see the notes sheet of the template")
            raise ValidationError(
                _("“%(value)s” is not an allowed value (%(allowed)s).") % {"value": text, "allowed": allowed},
                code="invalid_choice",
            )
        return found


def _unit_field(**kwargs) -> forms.CharField:
    return forms.CharField(max_length=Unit._meta.get_field("name").max_length, **kwargs)


class SpecialtiesField(forms.Field):
    """Specialty names separated by 、，,;；/."""

    def to_python(self, value) -> list[str]:
        names: list[str] = []
        for part in SPECIALTY_SEPARATORS.split(str(value or "")):
            name = part.strip()
            if name and name not in names:
                names.append(name)
        return names

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        longest = Specialty._meta.get_field("name").max_length
        too_long = [name for name in value if len(name) > longest]
        if too_long:
            raise ValidationError(
                _("%(names)s: a specialty is named in at most %(limit)d characters.")
                % {"names": "、".join(too_long), "limit": longest}
            )


def _model_field(model, name: str, **kwargs) -> forms.Field:
    """The form field the model's edit page uses, with the same length limits."""
    return model._meta.get_field(name).formfield(**kwargs)


class RosterRowForm(forms.Form):
    """One roster row, with the rules of the cadre and secondment edit pages."""

    name = _model_field(Cadre, "name")
    gender = ChoiceLabelField(Gender, required=False)
    birth_date = FlexibleDateField(month_only=True, required=False)
    ethnicity = ChoiceLabelField(Ethnicity, required=False)
    political_status = ChoiceLabelField(PoliticalStatus)
    id_number = forms.CharField(required=False)
    education = ChoiceLabelField(Education, required=False)
    degree = ChoiceLabelField(Degree, required=False)
    leadership_level = ChoiceLabelField(LeadershipLevel, required=False)
    grade = ChoiceLabelField(Grade, required=False)
    home_unit = _unit_field(required=False)
    home_position = _model_field(Cadre, "home_position")
    specialties = SpecialtiesField(required=False)
    phone = _model_field(Cadre, "phone")
    sending_unit = _unit_field()
    batch = _model_field(Secondment, "batch")
    appointment_document = _model_field(Secondment, "appointment_document")
    term_start = FlexibleDateField(month_only=True)
    term_end = FlexibleDateField(month_only=True)
    reported_on = FlexibleDateField(month_only=True, required=False)
    unit = _unit_field(required=False)
    title = _model_field(Assignment, "title", required=False)
    duties = _model_field(Assignment, "duties")
    actual_end = FlexibleDateField(month_only=True, required=False)

    def __init__(self, *, units: dict[str, Unit], specialties: dict[str, Specialty], create_units: bool):
        super().__init__(data={})
        self.units = units
        self.specialties = specialties
        self.create_units = create_units

    def check(self, cells: dict) -> bool:
        """Validate one row. One form checks every row of a roster: building its fields
        again for each of thousands of rows would take most of the check's time."""
        self.data = cells
        self._errors = None
        return self.is_valid()

    def _known_unit(self, name: str) -> str:
        value = self.cleaned_data[name]
        if value and value not in self.units and not self.create_units:
            raise ValidationError(
                _(
                    "The unit “%(name)s” is not on file: add it under Units first, "
                    "or import choosing to create what is not on file (--create-units)."
                )
                % {"name": value},
                code="unknown_unit",
            )
        return value

    def clean_home_unit(self) -> str:
        return self._known_unit("home_unit")

    def clean_sending_unit(self) -> str:
        return self._known_unit("sending_unit")

    def clean_unit(self) -> str:
        return self._known_unit("unit")

    def clean_specialties(self) -> list[str]:
        names = self.cleaned_data["specialties"]
        unknown = [name for name in names if name not in self.specialties]
        if unknown and not self.create_units:
            raise ValidationError(
                _(
                    "%(names)s: not in the list of specialties (see the notes sheet of the template); add it "
                    "in the administration first, or import choosing to create what is not on file (--create-units)."
                )
                % {"names": "、".join(unknown)},
                code="unknown_specialty",
            )
        return names

    def clean_id_number(self) -> str:
        number = normalise_id_number(self.cleaned_data.get("id_number", ""))
        if number:
            validate_id_number(number)
        return number

    def clean(self):
        cleaned = super().clean()
        check_identity(self, cleaned)
        number = cleaned.get("id_number")
        if number:
            if "birth_date" not in self.errors:
                cleaned["birth_date"] = birth_date_of(number)
            if not cleaned.get("gender") and "gender" not in self.errors:
                cleaned["gender"] = Gender.MALE if gender_digit_is_male(number) else Gender.FEMALE
        if not cleaned.get("gender") and "gender" not in self.errors:
            self.add_error("gender", ValidationError(self.fields["gender"].error_messages["required"]))
        self._check_term(cleaned)
        self._check_placement(cleaned)
        return cleaned

    def _check_term(self, cleaned: dict) -> None:
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        reported, ended = cleaned.get("reported_on"), cleaned.get("actual_end")
        today = timezone.localdate()
        if start and end and end <= start:
            self.add_error("term_end", _("The planned term end must be after the term start."))
        if reported and reported > today:
            self.add_error("reported_on", _("The reporting date cannot be in the future."))
        if ended:
            if ended > today:
                self.add_error("actual_end", _("The actual end cannot be in the future."))
            elif start and ended < start:
                self.add_error("actual_end", _("The actual end cannot be before the term start."))
            elif reported and ended < reported:
                self.add_error("actual_end", _("The actual end cannot be before the reporting date."))

    def _check_placement(self, cleaned: dict) -> None:
        unit, title, duties = cleaned.get("unit"), cleaned.get("title"), cleaned.get("duties")
        if unit and not title:
            self.add_error("title", _("Enter the title held in %(unit)s.") % {"unit": unit})
        if (title or duties) and not unit and "unit" not in self.errors:
            self.add_error("unit", _("Enter the receiving unit where the title is held."))


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


def check_roster(sheet: RosterSheet, *, create_units: bool = False, lock: bool = False) -> RosterCheck:
    """Check every row and plan the import against what is on file, in a fixed number of queries.

    With ``lock`` (inside the import's transaction) the rows the import may
    change are read with select_for_update.
    """
    return _Planner(sheet, create_units=create_units, lock=lock).run()


def _month(day: datetime.date) -> str:
    return day.strftime("%Y.%m")


class _Planner:
    def __init__(self, sheet: RosterSheet, *, create_units: bool, lock: bool):
        self.sheet = sheet
        self.create_units = create_units
        self.lock = lock
        self.errors: list[RowError] = []
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

    def _error(self, row: int, field_name: str, reason) -> None:
        self.errors.append(RowError(row, HEADER_OF[field_name], str(reason)))

    def run(self) -> RosterCheck:
        rows = self._validate_rows()
        self._plan_reference_data(rows)
        self._plan_cadres(rows)
        rows = [row for row in rows if row.number in self.key_of_row]
        row_plans = self._plan_secondments(rows)
        self._check_one_open_secondment_per_cadre()
        posts = self._plan_posts()
        self.errors.sort(key=lambda e: (e.row, COLUMN_INDEX.get(e.column, 0)))
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
        for raw in self.sheet.rows:
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

    # --- cadres -------------------------------------------------------------

    def _plan_cadres(self, rows: list[ValidRow]) -> None:
        numbers = {row.data["id_number"] for row in rows if row.data["id_number"]}
        names = {row.data["name"] for row in rows}
        by_number = {c.id_number: c for c in self._locked(Cadre.objects.filter(id_number__in=numbers))}
        by_name_month: dict[tuple, list[Cadre]] = defaultdict(list)
        for cadre in self._locked(Cadre.objects.filter(name__in=names).order_by("pk")):
            by_name_month[(cadre.name, _month(cadre.birth_date))].append(cadre)
        existing: dict[tuple, Cadre | None] = {}
        keys_by_name_month: dict[tuple, set] = defaultdict(set)

        for row in rows:
            data = row.data
            if not data["id_number"]:
                continue
            name_month = (data["name"], _month(data["birth_date"]))
            cadre = by_number.get(data["id_number"])
            if cadre is not None and cadre.name != data["name"]:
                # A mistyped ID number must not rename someone else; a real change of name is made by hand.
                self._error(
                    row.number,
                    "name",
                    _(
                        "The ID number on this row belongs to %(name)s on file: check the name and the ID "
                        "number (a change of name is made on the cadre's page)."
                    )
                    % {"name": cadre.name},
                )
                continue
            if cadre is None:
                without_number = [c for c in by_name_month.get(name_month, []) if not c.id_number]
                if len(without_number) > 1:
                    self._ambiguous(row, len(without_number))
                    continue
                cadre = without_number[0] if without_number else None
            key = ("pk", cadre.pk) if cadre else ("id", data["id_number"])
            existing[key] = cadre
            self.key_of_row[row.number] = key
            keys_by_name_month[name_month].add(key)

        for row in rows:
            data = row.data
            if data["id_number"]:
                continue
            name_month = (data["name"], _month(data["birth_date"]))
            keys = keys_by_name_month.get(name_month, set())
            if len(keys) > 1:
                self._error(
                    row.number,
                    "id_number",
                    _(
                        "Other rows give %(name)s, born %(month)s, different ID numbers; give this row its own."
                    )
                    % {"name": data["name"], "month": name_month[1]},
                )
                continue
            if keys:
                key = next(iter(keys))
            else:
                candidates = by_name_month.get(name_month, [])
                if len(candidates) > 1:
                    self._ambiguous(row, len(candidates))
                    continue
                key = ("pk", candidates[0].pk) if candidates else ("name", *name_month)
                existing[key] = candidates[0] if candidates else None
            self.key_of_row[row.number] = key

        groups: dict[tuple, list[ValidRow]] = defaultdict(list)
        for row in rows:
            if row.number in self.key_of_row:
                groups[self.key_of_row[row.number]].append(row)
        current_specialties = self._current_specialties([c.pk for c in existing.values() if c is not None])
        for key, group in groups.items():
            group.sort(key=lambda r: (r.data["term_start"], r.number))
            desired = self._merge(group)
            if desired is None:
                for row in group:
                    self.key_of_row.pop(row.number, None)
                continue
            cadre = existing.get(key)
            if cadre is None:
                self.cadre_plans[key] = self._new_cadre(desired, group[-1])
            else:
                self.cadre_plans[key] = self._update_cadre(
                    cadre, desired, current_specialties.get(cadre.pk, set())
                )

    def _ambiguous(self, row: ValidRow, count: int) -> None:
        self._error(
            row.number,
            "id_number",
            _(
                "%(count)d cadres named %(name)s, born %(month)s, are on file; "
                "give the ID number to say which one this is."
            )
            % {"count": count, "name": row.data["name"], "month": _month(row.data["birth_date"])},
        )

    def _current_specialties(self, cadre_ids: list[int]) -> dict[int, set[str]]:
        through = Cadre.specialties.through.objects.filter(cadre_id__in=cadre_ids)
        current: dict[int, set[str]] = defaultdict(set)
        for cadre_id, name in through.values_list("cadre_id", "specialty__name"):
            current[cadre_id].add(name)
        return current

    CADRE_FIELDS = (
        "name",
        "gender",
        "birth_date",
        "ethnicity",
        "political_status",
        "id_number",
        "education",
        "degree",
        "leadership_level",
        "grade",
        "home_unit",
        "home_position",
        "phone",
    )

    def _merge(self, group: list[ValidRow]) -> dict | None:
        """The cadre's facts from all their rows, later terms winning; None if the rows disagree
        on who the person is."""
        desired: dict = {}
        source: dict[str, int] = {}
        agree = True
        for row in group:
            for name in ("name", "id_number"):
                value = row.data[name]
                if value and desired.get(name) and desired[name] != value:
                    self._error(
                        row.number,
                        name,
                        _("Row %(other)d is the same cadre with %(column)s %(value)s.")
                        % {"other": source[name], "column": HEADER_OF[name], "value": desired[name]},
                    )
                    agree = False
            for name in self.CADRE_FIELDS:
                value = row.data[name]
                if value not in ("", None):
                    desired[name] = value
                    source[name] = row.number
            if row.data["specialties"]:
                desired["specialties"] = row.data["specialties"]
        return desired if agree else None

    def _new_cadre(self, desired: dict, latest: ValidRow) -> CadrePlan:
        cadre = Cadre(
            name=desired["name"],
            gender=desired["gender"],
            birth_date=desired["birth_date"],
            ethnicity=desired.get("ethnicity", Ethnicity.HAN),
            political_status=desired["political_status"],
            id_number=desired.get("id_number", ""),
            education=desired.get("education", ""),
            degree=desired.get("degree", ""),
            leadership_level=desired.get("leadership_level", ""),
            grade=desired.get("grade", ""),
            home_unit=self.units[desired.get("home_unit") or latest.data["sending_unit"]],
            home_position=desired.get("home_position", ""),
            phone=desired.get("phone", ""),
        )
        specialties = [self.specialties[name] for name in desired.get("specialties", [])]
        return CadrePlan(instance=cadre, is_new=True, specialties=specialties)

    def _update_cadre(self, cadre: Cadre, desired: dict, specialties_now: set[str]) -> CadrePlan:
        plan = CadrePlan(instance=cadre, is_new=False)
        for name in self.CADRE_FIELDS:
            if name not in desired:
                continue
            value = desired[name]
            if name == "home_unit":
                unit = self.units[value]
                if unit.pk is None or unit.pk != cadre.home_unit_id:
                    cadre.home_unit = unit
                    plan.changed.append(name)
            elif name == "birth_date":
                # 出生年月 is a month: a day taken from the ID number or typed as 1 is no change.
                if _month(value) != _month(cadre.birth_date):
                    cadre.birth_date = value
                    plan.changed.append(name)
            elif getattr(cadre, name) != value:
                setattr(cadre, name, value)
                plan.changed.append(name)
        wanted = desired.get("specialties")
        if wanted is not None and set(wanted) != specialties_now:
            plan.specialties = [self.specialties[name] for name in wanted]
            plan.changed.append("specialties")
        return plan

    # --- secondments and placements ------------------------------------------

    def _plan_secondments(self, rows: list[ValidRow]) -> list[RowPlan]:
        cadre_ids = [p.instance.pk for p in self.cadre_plans.values() if not p.is_new]
        self.on_file: dict[int, list[Secondment]] = defaultdict(list)
        for secondment in self._locked(Secondment.objects.filter(cadre_id__in=cadre_ids).order_by("pk")):
            self.on_file[secondment.cadre_id].append(secondment)
        secondment_ids = [s.pk for found in self.on_file.values() for s in found]
        self.assignments_on_file: dict[int, list[Assignment]] = defaultdict(list)
        assignments = Assignment.objects.filter(secondment_id__in=secondment_ids).select_related("post__unit")
        for assignment in self._locked(assignments).order_by("start_date", "pk"):
            self.assignments_on_file[assignment.secondment_id].append(assignment)
        self._load_posts(rows)

        seen: dict[tuple, int] = {}
        plans = []
        for row in rows:
            key = self.key_of_row[row.number]
            identity = (key, row.data["term_start"])
            if identity in seen:
                self._error(
                    row.number,
                    "term_start",
                    _("Row %(other)d already has this cadre's secondment starting on this date.")
                    % {"other": seen[identity]},
                )
                continue
            seen[identity] = row.number
            cadre_plan = self.cadre_plans[key]
            plan = self._plan_secondment(row, cadre_plan)
            self.secondment_plans.append(plan)
            plans.append(RowPlan(number=row.number, data=row.data, cadre=cadre_plan, secondment=plan))
        return plans

    def _plan_secondment(self, row: ValidRow, cadre_plan: CadrePlan) -> SecondmentPlan:
        data = row.data
        found = None
        if not cadre_plan.is_new:
            found = next(
                (s for s in self.on_file[cadre_plan.instance.pk] if s.term_start == data["term_start"]), None
            )
        values = {
            "sending_unit": self.units[data["sending_unit"]],
            "batch": data["batch"],
            "appointment_document": data["appointment_document"],
            "term_end": data["term_end"],
            "reported_on": data["reported_on"],
            "actual_end": data["actual_end"],
        }
        if found is None:
            secondment = Secondment(cadre=cadre_plan.instance, term_start=data["term_start"], **values)
            plan = SecondmentPlan(
                row=row.number, cadre=cadre_plan, instance=secondment, is_new=True, from_status="", status=""
            )
        else:
            plan = SecondmentPlan(
                row=row.number,
                cadre=cadre_plan,
                instance=found,
                is_new=False,
                from_status=found.status,
                status=found.status,
            )
            self._update_secondment(plan, values)
        self._plan_placement(row, plan)
        self._settle_status(row, plan)
        return plan

    def _update_secondment(self, plan: SecondmentPlan, values: dict) -> None:
        secondment = plan.instance
        for name, value in values.items():
            if value in ("", None):
                continue
            if name == "sending_unit":
                if value.pk is None or value.pk != secondment.sending_unit_id:
                    secondment.sending_unit = value
                    plan.changed.append(name)
            elif name == "term_end" and value != secondment.term_end and secondment.status != S.EXPECTED:
                # As on the edit page: once the cadre has reported, the term changes only by extension.
                self._error(
                    plan.row,
                    name,
                    _(
                        "On file the term ends on %(end)s; once the cadre has reported it changes only "
                        "with “extend the term” on the secondment's page."
                    )
                    % {"end": secondment.term_end.isoformat()},
                )
            elif getattr(secondment, name) != value:
                setattr(secondment, name, value)
                plan.changed.append(name)

    def _load_posts(self, rows: list[ValidRow]) -> None:
        unit_ids = {self.units[r.data["unit"]].pk for r in rows if r.data["unit"]} - {None}
        titles = {r.data["title"] for r in rows if r.data["unit"]}
        self.posts_on_file: dict[tuple, list[Post]] = defaultdict(list)
        posts = (
            Post.objects.filter(unit_id__in=unit_ids, title__in=titles).select_related("unit").order_by("pk")
        )
        for post in self._locked(posts):
            self.posts_on_file[(post.unit_id, post.title)].append(post)
        post_ids = [post.pk for found in self.posts_on_file.values() for post in found]
        held = (
            Assignment.objects.filter(post_id__in=post_ids, end_date__isnull=True)
            .values("post_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        self.open_on_post = {item["post_id"]: item["n"] for item in held}

    def _post_for(self, unit: Unit, title: str, duties: str) -> PostPlan:
        key = (unit.name, title)
        if key not in self.post_plans:
            found = self.posts_on_file.get((unit.pk, title), []) if unit.pk else []
            found = sorted(found, key=lambda p: (p.status != PostStatus.OPEN, p.pk))
            if found:
                self.post_plans[key] = PostPlan(instance=found[0], is_new=False, status=found[0].status)
            else:
                post = Post(
                    unit=unit, title=title, portfolio=duties, expected_level=ExpectedLevel.ANY, quota=1
                )
                self.post_plans[key] = PostPlan(instance=post, is_new=True, status="")
        return self.post_plans[key]

    def _plan_placement(self, row: ValidRow, plan: SecondmentPlan) -> None:
        data = row.data
        if not data["unit"]:
            return
        unit, title, duties = self.units[data["unit"]], data["title"], data["duties"]
        on_file = [] if plan.is_new else self.assignments_on_file[plan.instance.pk]
        match = next(
            (
                a
                for a in reversed(on_file)
                if unit.pk is not None and a.post.unit_id == unit.pk and title in (a.title, a.post.title)
            ),
            None,
        )
        if match is not None:
            assignment_plan = AssignmentPlan(instance=match, is_new=False)
            if duties and match.duties != duties:
                match.duties = duties
                assignment_plan.changed.append("duties")
            plan.assignment = assignment_plan
            return
        if on_file:
            last = on_file[-1]
            self._error(
                row.number,
                "unit",
                _(
                    "On file, %(name)s holds %(post)s in this secondment; "
                    "a move to another post is made on the secondment's page, not by import."
                )
                % {"name": data["name"], "post": f"{last.post.unit.name} {last.title}"},
            )
            return
        post_plan = self._post_for(unit, title, duties)
        secondment = plan.instance
        assignment = Assignment(
            secondment=secondment,
            post=post_plan.instance,
            start_date=secondment.reported_on or secondment.term_start,
            title=title,
            duties=duties or post_plan.instance.portfolio,
        )
        plan.assignment = AssignmentPlan(instance=assignment, is_new=True)
        if secondment.current_unit_id != unit.pk or unit.pk is None:
            secondment.current_unit = unit
            if not plan.is_new:
                plan.changed.append("current_unit")

    def _settle_status(self, row: ValidRow, plan: SecondmentPlan) -> None:
        secondment = plan.instance
        on_file = [] if plan.is_new else self.assignments_on_file[secondment.pk]
        if secondment.actual_end:
            follows = S.COMPLETED
        elif plan.assignment is not None or on_file:
            follows = S.IN_POST
        elif secondment.reported_on:
            follows = S.AWAITING_POST
        else:
            follows = S.EXPECTED
        if plan.is_new or PROGRESS[follows] > PROGRESS[plan.from_status]:
            plan.status = follows
        if not secondment.reported_on and plan.assignment is not None:
            # Whoever was placed has reported; a roster that leaves the date out gets the placement's
            # first day, so that the term's care (talks, mentor, plan, attendance) is counted from it.
            secondment.reported_on = plan.assignment.instance.start_date
            if not plan.is_new:
                plan.changed.append("reported_on")
        if (
            secondment.actual_end
            and secondment.reported_on
            and secondment.actual_end < secondment.reported_on
        ):
            self._error(row.number, "actual_end", _("The actual end cannot be before the reporting date."))
        if plan.status in (S.AWAITING_POST, S.IN_POST) and plan.from_status in ("", S.EXPECTED):
            plan.checklist_from = secondment.reported_on
        if plan.status == S.COMPLETED and plan.from_status != S.COMPLETED:
            secondment.end_reason = EndReason.TERM_COMPLETED
            if not plan.is_new:
                plan.changed.append("end_reason")
        if plan.status in (S.COMPLETED, S.ENDED_EARLY):
            self._end_assignments(row, plan, on_file)

    def _end_assignments(self, row: ValidRow, plan: SecondmentPlan, on_file: list[Assignment]) -> None:
        """A secondment that has ended holds no post: its open assignment ends on its last day."""
        end = plan.instance.actual_end
        for assignment in on_file:
            if assignment.end_date is None:
                if end < assignment.start_date:
                    self._error(
                        row.number,
                        "actual_end",
                        _("The actual end cannot be before %(date)s, when the post on file began.")
                        % {"date": assignment.start_date.isoformat()},
                    )
                    continue
                assignment.end_date = end
                self.closed_assignments.append(assignment)
                self.open_on_post[assignment.post_id] = self.open_on_post.get(assignment.post_id, 1) - 1
        if plan.assignment is not None and plan.assignment.is_new:
            new = plan.assignment.instance
            if end < new.start_date:
                self._error(
                    row.number, "actual_end", _("The actual end cannot be before the reporting date.")
                )
            new.end_date = end

    def _check_one_open_secondment_per_cadre(self) -> None:
        by_cadre: dict[int, list[SecondmentPlan]] = defaultdict(list)
        for plan in self.secondment_plans:
            by_cadre[id(plan.cadre)].append(plan)
        for plans in by_cadre.values():
            cadre = plans[0].cadre.instance
            open_plans = sorted(
                (p for p in plans if p.status in OPEN_STATUSES), key=lambda p: p.instance.term_start
            )
            touched = {p.instance.pk for p in plans if not p.is_new}
            untouched = [
                s
                for s in (self.on_file.get(cadre.pk, []) if cadre.pk else [])
                if s.pk not in touched and s.status in OPEN_STATUSES
            ]
            if untouched:
                for plan in open_plans:
                    self._error(
                        plan.row,
                        "actual_end",
                        _(
                            "%(name)s already has a secondment from %(date)s that has not ended; end it first "
                            "(on its page, or with a row giving its actual end)."
                        )
                        % {"name": cadre.name, "date": untouched[0].term_start.isoformat()},
                    )
            elif len(open_plans) > 1:
                latest = open_plans[-1]
                for plan in open_plans[:-1]:
                    self._error(
                        plan.row,
                        "actual_end",
                        _(
                            "%(name)s would have two secondments that have not ended, this one and the one "
                            "from %(date)s; enter this one's actual end."
                        )
                        % {"name": cadre.name, "date": latest.instance.term_start.isoformat()},
                    )

    def _plan_posts(self) -> list[PostPlan]:
        plans = list(self.post_plans.values())
        new_open: dict[int, int] = defaultdict(int)
        for plan in self.secondment_plans:
            assignment = plan.assignment
            if assignment is not None and assignment.is_new and assignment.instance.end_date is None:
                new_open[id(assignment.instance.post)] += 1
        for plan in plans:
            post = plan.instance
            held = new_open[id(post)] + (self.open_on_post.get(post.pk, 0) if post.pk else 0)
            if plan.is_new:
                # Posts made for placements that are over are withdrawn, so matching never offers them.
                post.quota = max(1, held)
                plan.status = PostStatus.OPEN if held else PostStatus.WITHDRAWN
                continue
            if held > post.quota:
                post.quota = held
                plan.changed.append("quota")
            if new_open[id(post)] and post.status != PostStatus.OPEN:
                plan.status = PostStatus.OPEN
                plan.changed.append("status")
        return plans
