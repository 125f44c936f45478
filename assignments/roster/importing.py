"""The roster import's writes: what ``check_roster`` planned, carried out whole or not at all."""

import datetime
import logging

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cadres.models import Cadre, Specialty, Unit
from cadres.pinyin import name_initials, name_pinyin
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user

from ..choices import (
    EventAction,
)
from ..models import (
    Assignment,
    ChecklistEntry,
    ChecklistItem,
    Post,
    Secondment,
    SecondmentEvent,
)
from . import RosterCheck, RosterInvalid, RosterSheet, check_roster

logger = logging.getLogger(__name__)

# Any constant will do, as long as every roster import takes the same one.
ROSTER_IMPORT_LOCK = 0x67757A68


BULK_BATCH = 500


def _serialise_imports() -> None:
    # SQLite's IMMEDIATE transactions already hold the database's write lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ROSTER_IMPORT_LOCK])


def import_roster(*, sheet: RosterSheet, actor=None, create_units: bool = False) -> RosterCheck:
    """Import a roster whole, or nothing: cadres, secondments, posts and assignments, each status
    following the dates, with imported timeline events. Raises RosterInvalid (listing every
    problem) when any row is invalid, TransitionError when the database refuses the write."""
    try:
        # The transaction is opened here rather than by the decorator so that an
        # IntegrityError is caught after it has rolled back, and reported plainly.
        with transaction.atomic():
            _serialise_imports()
            check = check_roster(sheet, create_units=create_units, lock=True)
            if not check.ok:
                raise RosterInvalid(check)
            _write_roster(check, actor)
    except IntegrityError:
        logger.warning("Roster import of %s refused by the database", sheet.name, exc_info=True)
        raise TransitionError(
            _(
                "The database refused the import, perhaps because someone changed the same cadres at "
                "the same moment; nothing was written. Check the file again and retry."
            )
        ) from None
    return check


def _write_roster(check: RosterCheck, actor) -> None:
    user = acting_user(actor)
    history = {
        "batch_size": BULK_BATCH,
        "default_user": user,
        "default_change_reason": _("Roster import"),
    }
    now = timezone.now()

    if check.new_units:
        bulk_create_with_history(check.new_units, Unit, **history)
    if check.changed_units:
        bulk_update_with_history(check.changed_units, Unit, ["sends", "receives"], **history)
    if check.new_specialties:
        Specialty.objects.bulk_create(check.new_specialties, batch_size=BULK_BATCH)

    _write_cadres(check, history, now)

    for plan in check.posts:
        plan.instance.status = plan.status
    new_posts = [plan.instance for plan in check.posts if plan.is_new]
    if new_posts:
        bulk_create_with_history(new_posts, Post, **history)
    changed_posts = [plan.instance for plan in check.posts if not plan.is_new and plan.changed]
    if changed_posts:
        bulk_update_with_history(changed_posts, Post, ["quota", "status"], **history)

    for plan in check.secondments:
        plan.instance.status = plan.status
    # Secondments on file first: one that ends frees its cadre for the new open one.
    changed = [plan for plan in check.secondments if not plan.is_new and plan.is_changed]
    if changed:
        fields = sorted({"status"}.union(*(plan.changed for plan in changed)))
        bulk_update_with_history([plan.instance for plan in changed], Secondment, fields, **history)
    ended = {assignment.pk: assignment for assignment in check.closed_assignments}
    for plan in check.assignments:
        if not plan.is_new and plan.changed:
            ended.setdefault(plan.instance.pk, plan.instance)
    if ended:
        bulk_update_with_history(list(ended.values()), Assignment, ["end_date", "duties"], **history)
    new_secondments = [plan.instance for plan in check.secondments if plan.is_new]
    if new_secondments:
        bulk_create_with_history(new_secondments, Secondment, **history)
    new_assignments = [plan.instance for plan in check.assignments if plan.is_new]
    if new_assignments:
        bulk_create_with_history(new_assignments, Assignment, **history)

    _start_checklists(check)
    SecondmentEvent.objects.bulk_create(_import_events(check, user, now), batch_size=BULK_BATCH)


def _write_cadres(check: RosterCheck, history: dict, now: datetime.datetime) -> None:
    new = [plan.instance for plan in check.cadres if plan.is_new]
    for cadre in new:
        # bulk_create skips Cadre.save, which keeps the search columns with the name.
        cadre.name_pinyin, cadre.name_initials = name_pinyin(cadre.name), name_initials(cadre.name)
    if new:
        bulk_create_with_history(new, Cadre, **history)
    changed = [plan for plan in check.cadres if not plan.is_new and plan.changed]
    fields = {name for plan in changed for name in plan.changed if name != "specialties"}
    if fields:
        if "name" in fields:
            fields |= {"name_pinyin", "name_initials"}
        cadres = [plan.instance for plan in changed]
        for cadre in cadres:
            cadre.name_pinyin, cadre.name_initials = name_pinyin(cadre.name), name_initials(cadre.name)
            cadre.updated_at = now
        bulk_update_with_history(cadres, Cadre, sorted(fields | {"updated_at"}), **history)
    through = Cadre.specialties.through
    replaced = [plan for plan in check.cadres if plan.specialties is not None]
    through.objects.filter(cadre_id__in=[plan.instance.pk for plan in replaced if not plan.is_new]).delete()
    through.objects.bulk_create(
        [
            through(cadre_id=plan.instance.pk, specialty_id=specialty.pk)
            for plan in replaced
            for specialty in plan.specialties
        ],
        batch_size=BULK_BATCH,
    )


def _start_checklists(check: RosterCheck) -> None:
    """Secondments the import brings to reporting get the intake steps, as report_arrival gives."""
    starting = [plan for plan in check.secondments if plan.checklist_from is not None]
    if not starting:
        return
    items = list(ChecklistItem.objects.filter(active=True))
    ChecklistEntry.objects.bulk_create(
        [
            ChecklistEntry(
                secondment=plan.instance,
                item=item,
                due_on=plan.checklist_from + datetime.timedelta(days=item.days_due),
            )
            for plan in starting
            for item in items
        ],
        batch_size=BULK_BATCH,
        ignore_conflicts=True,
    )


def _import_events(check: RosterCheck, user, now: datetime.datetime) -> list[SecondmentEvent]:
    events = []
    for plan in check.secondments:
        assignment = plan.assignment
        place = {"file": check.sheet.name or "—", "row": plan.row}
        if plan.is_new:
            note = _("Imported from %(file)s, row %(row)d.") % place
        elif plan.is_changed or (assignment is not None and assignment.changed):
            labels = [str(Secondment._meta.get_field(name).verbose_name) for name in plan.changed]
            if assignment is not None and assignment.changed:
                labels.append(str(Assignment._meta.get_field("duties").verbose_name))
            note = _("Updated from %(file)s, row %(row)d: %(fields)s.") % {
                **place,
                "fields": "、".join(labels),
            }
        else:
            continue
        events.append(
            SecondmentEvent(
                secondment=plan.instance,
                action=EventAction.IMPORT,
                actor=user,
                from_status=plan.from_status,
                to_status=plan.status,
                note=note,
                imported=True,
                at=now,
            )
        )
        if assignment is not None and assignment.is_new:
            placed = assignment.instance
            events.append(
                SecondmentEvent(
                    secondment=plan.instance,
                    action=EventAction.ASSIGN,
                    actor=user,
                    note=_("%(unit)s, %(title)s, from %(date)s")
                    % {
                        "unit": placed.post.unit.name,
                        "title": placed.title,
                        "date": long_date(placed.start_date),
                    },
                    imported=True,
                    at=now,
                )
            )
    return events
