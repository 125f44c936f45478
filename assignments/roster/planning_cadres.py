"""Planning the cadres of a roster: who each row is, by ID number or by name and birth month, and
what of their record the rows change."""

from collections import defaultdict

from django.utils.translation import gettext as _

from cadres.choices import Ethnicity
from cadres.models import Cadre

from .plans import (
    CadrePlan,
    ValidRow,
    month,
)


class CadrePlanning:
    """The cadre half of the roster planner (see ``checking``)."""

    def _plan_cadres(self, rows: list[ValidRow]) -> None:
        numbers = {row.data["id_number"] for row in rows if row.data["id_number"]}
        names = {row.data["name"] for row in rows}
        by_number = {c.id_number: c for c in self._locked(Cadre.objects.filter(id_number__in=numbers))}
        by_name_month: dict[tuple, list[Cadre]] = defaultdict(list)
        for cadre in self._locked(Cadre.objects.filter(name__in=names).order_by("pk")):
            by_name_month[(cadre.name, month(cadre.birth_date))].append(cadre)
        existing: dict[tuple, Cadre | None] = {}
        keys_by_name_month: dict[tuple, set] = defaultdict(set)

        for row in rows:
            data = row.data
            if not data["id_number"]:
                continue
            name_month = (data["name"], month(data["birth_date"]))
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
            name_month = (data["name"], month(data["birth_date"]))
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
            % {"count": count, "name": row.data["name"], "month": month(row.data["birth_date"])},
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
                        % {"other": source[name], "column": self._header(name), "value": desired[name]},
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
                if month(value) != month(cadre.birth_date):
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
