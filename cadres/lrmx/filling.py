"""A read .lrmx file matched against what is on file: the cadre form's values, and what would change
for a cadre who already has its ID number."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from guazhi.history import shown_value

from ..models import Cadre, FamilyMember, Specialty, Unit
from ..services import FAMILY_FIELDS
from . import codes
from .reading import LrmxRecord

SPECIALTY_SEPARATORS = "、，,;；/ \n"


@dataclass
class Filling:
    """The form's values read from a file (``initial``, by field), its family rows and what the
    officer should check (``warnings``)."""

    initial: dict
    family: list[dict]
    photo: bytes | None
    warnings: list[str] = field(default_factory=list)


def _home_unit(record: LrmxRecord) -> tuple[Unit | None, str]:
    """The home unit (呈报单位 when it names a unit on file, else the longest unit name 现任职务
    starts with) and the position, 现任职务 without the unit's name."""
    position = record.current_position
    unit = Unit.objects.filter(name=record.reporting_unit).first() if record.reporting_unit else None
    if unit is None and position:
        names = Unit.objects.filter(name__in=[position[:n] for n in range(1, min(len(position), 100) + 1)])
        unit = max(names, key=lambda u: len(u.name), default=None)
    if unit is not None and position.startswith(unit.name):
        position = position[len(unit.name) :].strip()
    return unit, position


def split_specialties(text: str) -> list[str]:
    words = [text]
    for separator in SPECIALTY_SEPARATORS:
        words = [piece for word in words for piece in word.split(separator)]
    return [word.strip() for word in words if word.strip()]


def _specialties(text: str) -> tuple[list[Specialty], list[str]]:
    """The specialties on file that 熟悉专业有何专长 names, and the words that match none."""
    words = split_specialties(text)
    known = {codes.squeeze(s.name): s for s in Specialty.objects.all()} if words else {}
    found, unknown = [], []
    for word in words:
        match = known.get(codes.squeeze(word)) or next(
            (s for name, s in known.items() if name and (name in word or word in name)), None
        )
        if match is None:
            unknown.append(word)
        elif match not in found:
            found.append(match)
    return found, unknown


def fill_from(record: LrmxRecord) -> Filling:
    """The cadre form's values from a read file, units and specialties matched against those on file."""
    initial = dict(record.fields)
    warnings = list(record.warnings)
    unit, position = _home_unit(record)
    initial["home_unit"] = unit.pk if unit else None
    initial["home_position"] = position
    if unit is None and (record.reporting_unit or record.current_position):
        warnings.append(
            _("No unit on file matches “%(text)s”; choose the home unit.")
            % {"text": record.reporting_unit or record.current_position}
        )
    found, unknown = _specialties(record.specialty_text)
    initial["specialties"] = [s.pk for s in found]
    if found:
        warnings.append(
            _("Specialties ticked from 熟悉专业有何专长; confirm them: %(names)s")
            % {"names": "、".join(s.name for s in found)}
        )
    if unknown:
        warnings.append(
            _("熟悉专业有何专长 also says %(words)s, which no specialty on file matches.")
            % {"words": "、".join(unknown)}
        )
    return Filling(initial=initial, family=record.family, photo=record.photo, warnings=warnings)


# --- what would change for a cadre already on file --------------------------------------------


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str


def _family_text(rows) -> str:
    return (
        "；".join(" ".join(str(row.get(name) or "") for name in ("relation", "name")) for row in rows) or "—"
    )


def changes_for(cadre: Cadre, filling: Filling) -> list[FieldChange]:
    """Field by field, what saving the file's values would change on ``cadre``; fields the file
    leaves empty are not offered (a file does not empty a field)."""
    rows = []
    for name, new in filling.initial.items():
        if new in (None, "", []) or name == "photo_token":
            continue
        if name == "specialties":
            old_ids = sorted(cadre.specialties.values_list("pk", flat=True))
            if sorted(new) != old_ids:
                names = dict(Specialty.objects.filter(pk__in=[*new, *old_ids]).values_list("pk", "name"))
                rows.append(
                    FieldChange(
                        name,
                        str(Cadre._meta.get_field(name).verbose_name),
                        "、".join(names[pk] for pk in old_ids) or "—",
                        "、".join(names[pk] for pk in new),
                    )
                )
            continue
        model_field = Cadre._meta.get_field(name)
        old = getattr(cadre, model_field.attname)
        if old == new:
            continue
        if name == "home_unit":
            old_text, new_text = str(cadre.home_unit), str(Unit.objects.get(pk=new))
        else:
            old_text, new_text = shown_value(model_field, old), shown_value(model_field, new)
        rows.append(FieldChange(name, str(model_field.verbose_name), old_text, new_text))
    if filling.family:
        members = list(FamilyMember.objects.filter(cadre=cadre).order_by("position", "id"))
        old_rows = [{n: getattr(m, n) for n in FAMILY_FIELDS} for m in members]
        new_rows = [
            {n: row.get(n) or ("" if n != "birth_date" else None) for n in FAMILY_FIELDS}
            for row in filling.family
        ]
        if old_rows != new_rows:
            rows.append(
                FieldChange("family", _("Family members"), _family_text(old_rows), _family_text(new_rows))
            )
    if filling.photo:
        rows.append(
            FieldChange(
                "photo",
                str(Cadre._meta.get_field("photo").verbose_name),
                _("on file") if cadre.photo else "—",
                _("the photograph in the file"),
            )
        )
    return rows


def as_session(filling: Filling, photo_token: str) -> dict:
    """The filling as the session keeps it between the comparison and the form (JSON)."""

    def plain(value):
        return value.isoformat() if isinstance(value, datetime.date) else value

    return {
        "initial": {name: plain(value) for name, value in filling.initial.items()},
        "family": [{name: plain(value) for name, value in row.items()} for row in filling.family],
        "photo_token": photo_token,
    }


def from_session(kept: dict) -> tuple[dict, list[dict], str]:
    def typed(name, value):
        if name.endswith("_date") and value:
            return datetime.date.fromisoformat(value)
        return value

    initial = {name: typed(name, value) for name, value in kept["initial"].items()}
    family = [{name: typed(name, value) for name, value in row.items()} for row in kept["family"]]
    return initial, family, kept.get("photo_token", "")
