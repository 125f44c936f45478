"""Readable change history from django-simple-history records."""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _

from .access import is_org_staff
from .dates import long_date, long_datetime


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


def _display(model_field: models.Field, value, related_names: dict) -> str:
    if value in (None, ""):
        return "—"
    if model_field.is_relation:
        return related_names.get((model_field.related_model, value), str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    # Moments are shown in the county's time, like every date and time on the pages.
    if isinstance(value, datetime.datetime):
        return long_datetime(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    return str(value)


def change_log(records, limit: int = 50) -> list[HistoryEntry]:
    """The newest ``limit`` history records as entries with field-by-field changes.

    ``records`` is a history queryset; related objects named in the changes are
    read in one query per related model.
    """
    rows = list(records.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = records.model.instance_type
    pairs = []
    for index, record in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            pairs.append((record, [(c.field, c.old, c.new) for c in delta.changes]))
        else:
            pairs.append((record, []))

    wanted: dict[type, set] = {}
    for _record, changes in pairs:
        for name, old, new in changes:
            model_field = model._meta.get_field(name)
            if model_field.is_relation and not model_field.many_to_many:
                wanted.setdefault(model_field.related_model, set()).update(v for v in (old, new) if v)
    related_names = {}
    for related_model, ids in wanted.items():
        for obj in related_model._default_manager.filter(pk__in=ids):
            related_names[(related_model, obj.pk)] = str(obj)

    entries = []
    for record, changes in pairs:
        entry = HistoryEntry(
            when=record.history_date,
            who=(record.history_user.get_full_name() or record.history_user.get_username())
            if record.history_user
            else _("system"),
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


def change_log_for(user, records, limit: int = 50) -> list[HistoryEntry] | None:
    """The change history of a record as ``user`` may read it: the organization department reads it
    whole; anyone else gets None, and the page leaves the section out."""
    return change_log(records, limit) if is_org_staff(user) else None
