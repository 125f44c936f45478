"""The roster import's writes: what ``check_roster`` planned, carried out whole or not at all."""

import datetime
import logging

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cadres import services as cadre_services
from guazhi.workflow import TransitionError, acting_user

from ..choices import (
    EventAction,
)
from ..models import (
    Assignment,
    Post,
    Secondment,
    SecondmentEvent,
)
from ..services.placement import placement_note
from ..services.secondments import start_checklists
from . import RosterCheck, RosterInvalid, RosterSheet, check_roster

logger = logging.getLogger(__name__)

# Any constant will do, as long as every roster import takes the same one.
ROSTER_IMPORT_LOCK = 0x67757A68

BULK_BATCH = cadre_services.BULK_BATCH


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
    reason = _("Roster import")
    history = {"batch_size": BULK_BATCH, "default_user": acting_user(actor), "default_change_reason": reason}
    now = timezone.now()

    cadre_services.import_units(
        new=check.new_units,
        changed=check.changed_units,
        specialties=check.new_specialties,
        actor=actor,
        reason=reason,
    )
    changed_cadres = [plan for plan in check.cadres if not plan.is_new and plan.changed]
    cadre_services.import_cadres(
        new=[plan.instance for plan in check.cadres if plan.is_new],
        changed=[plan.instance for plan in changed_cadres],
        fields={name for plan in changed_cadres for name in plan.changed},
        specialties=[
            (plan.instance, plan.specialties) for plan in check.cadres if plan.specialties is not None
        ],
        actor=actor,
        reason=reason,
        now=now,
    )

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

    # Secondments the import brings to reporting get the intake steps, as report_arrival gives them.
    start_checklists(
        (plan.instance, plan.checklist_from) for plan in check.secondments if plan.checklist_from is not None
    )
    SecondmentEvent.objects.bulk_create(_import_events(check, acting_user(actor), now), batch_size=BULK_BATCH)


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
            events.append(
                SecondmentEvent(
                    secondment=plan.instance,
                    action=EventAction.ASSIGN,
                    actor=user,
                    note=placement_note(assignment.instance),
                    imported=True,
                    at=now,
                )
            )
    return events
