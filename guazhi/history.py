"""Readable change history from django-simple-history records."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext as _

from .access import is_org_staff
from .dates import long_date, long_datetime
from .people import person_name


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    kind: str
    changes: list[Change] = field(default_factory=list)


_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def shown_value(model_field: models.Field, value) -> str:
    """A value as the history shows it, where related objects are given as objects (or, once
    deleted, as simple-history's stand-ins): people by name, the rest as ``_display`` writes them."""
    if isinstance(value, list):
        return "、".join(shown_value(model_field, item) for item in value) or "—"
    if isinstance(value, models.Model):
        return person_name(value) if isinstance(value, get_user_model()) else str(value)
    if model_field.is_relation and hasattr(value, "pk"):
        return "—" if value.pk is None else _("deleted (%(id)s)") % {"id": value.pk}
    return _display(model_field, value, {})


def _display(model_field: models.Field, value, related_names: dict) -> str:
    if value in (None, ""):
        return "—"
    if model_field.is_relation:
        return related_names.get((model_field.related_model, value), str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    # A kept file by its name, not the folder the storage put it in.
    if isinstance(model_field, models.FileField):
        return PurePosixPath(str(value)).name
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    # Moments are shown in the county's time, like every date and time on the pages.
    if isinstance(value, datetime.datetime):
        return long_datetime(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    return str(value)


def in_form_order(model, field_order: Sequence[str]):
    """A sort key putting fields in the order their form shows them (``field_order``), then the
    others in the order the model declares them."""
    declared = {f.name: index for index, f in enumerate(model._meta.get_fields())}
    shown = {name: index for index, name in enumerate(field_order)}

    def key(name: str) -> tuple[int, int]:
        return (shown[name], 0) if name in shown else (len(shown), declared.get(name, len(declared)))

    return key


def _named_files(model, record, previous, changes) -> list[tuple]:
    """The changes as (field, old, new), a file kept under a name of its own (``file_name_fields`` on
    the model: file field → the field with the name it was uploaded under) shown by that name."""
    named = getattr(model, "file_name_fields", {})
    rows = []
    for change in changes:
        if change.field in named.values():
            continue
        if change.field in named:
            source = named[change.field]
            rows.append(
                (
                    change.field,
                    getattr(previous, source) if change.old else "",
                    getattr(record, source) if change.new else "",
                )
            )
        else:
            rows.append((change.field, change.old, change.new))
    return rows


def change_log(records, limit: int = 50, field_order: Sequence[str] = ()) -> list[HistoryEntry]:
    """The newest ``limit`` history records as entries with field-by-field changes, the fields in
    the order of the form that edits them (``field_order``; the model's order for the rest).

    ``records`` is a history queryset; related objects named in the changes are
    read in one query per related model, people by their names.
    """
    rows = list(records.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = records.model.instance_type
    order = in_form_order(model, field_order)
    pairs = []
    for index, record in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = sorted(delta.changes, key=lambda c: order(c.field))
            pairs.append((record, _named_files(model, record, previous, changes)))
        else:
            pairs.append((record, []))

    wanted: dict[type, set] = {}
    for _record, changes in pairs:
        for name, old, new in changes:
            model_field = model._meta.get_field(name)
            if model_field.is_relation and not model_field.many_to_many:
                wanted.setdefault(model_field.related_model, set()).update(v for v in (old, new) if v)
    related_names = {}
    people = get_user_model()
    for related_model, ids in wanted.items():
        for obj in related_model._default_manager.filter(pk__in=ids):
            related_names[(related_model, obj.pk)] = person_name(obj) if related_model is people else str(obj)

    entries = []
    for record, changes in pairs:
        entry = HistoryEntry(
            when=record.history_date,
            who=person_name(record.history_user) if record.history_user else _("system"),
            kind=_KINDS.get(record.history_type, ""),
        )
        for name, old, new in changes:
            model_field = model._meta.get_field(name)
            if model_field.many_to_many:
                continue
            entry.changes.append(
                Change(
                    label=str(model_field.verbose_name),
                    old=_display(model_field, old, related_names),
                    new=_display(model_field, new, related_names),
                )
            )
        entries.append(entry)
    return entries


def change_log_for(
    user, records, limit: int = 50, field_order: Sequence[str] = ()
) -> list[HistoryEntry] | None:
    """The change history of a record as ``user`` may read it: the organization department reads it
    whole; anyone else gets None, and the page leaves the section out."""
    return change_log(records, limit, field_order) if is_org_staff(user) else None
