"""Every change of a secondment's state, and the writes that go with it.

Each transition takes keyword-only arguments, runs in one transaction,
re-reads its rows with ``select_for_update`` (secondment first, then post,
always in that order), checks the current state, raises ``TransitionError``
with a readable message when the step is not allowed, and writes a timeline
event. Nothing outside this module assigns ``Secondment.status``.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cadres.models import Cadre, Specialty, Unit
from cadres.pinyin import name_initials, name_pinyin
from guazhi.workflow import TransitionError

from .choices import OPEN_STATUSES, EndReason, EventAction, PostStatus, SecondmentStatus
from .models import Assignment, ChecklistEntry, ChecklistItem, Post, Secondment, SecondmentEvent
from .roster import RosterCheck, RosterInvalid, RosterSheet, check_roster

logger = logging.getLogger(__name__)

S = SecondmentStatus


def record_event(
    *,
    secondment: Secondment,
    action: str,
    actor=None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    imported: bool = False,
    at: datetime.datetime | None = None,
) -> SecondmentEvent:
    """Add a line to the secondment's timeline (also used by the apps above this one)."""
    return SecondmentEvent.objects.create(
        secondment=secondment,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        from_status=from_status,
        to_status=to_status,
        note=note,
        imported=imported,
        at=at or timezone.now(),
    )


def _lock(secondment: Secondment) -> Secondment:
    return Secondment.objects.select_for_update().select_related("cadre").get(pk=secondment.pk)


def _lock_post(post: Post) -> Post:
    return Post.objects.select_for_update().select_related("unit").get(pk=post.pk)


def _require(secondment: Secondment, allowed: tuple[str, ...], action: str) -> None:
    if secondment.status not in allowed:
        raise TransitionError(
            _("Cannot %(action)s: %(name)s's secondment is %(status)s.")
            % {
                "action": action,
                "name": secondment.cadre.name,
                "status": secondment.get_status_display(),
            }
        )


def _set_status(secondment: Secondment, status: str, *fields: str) -> str:
    previous = secondment.status
    secondment.status = status
    secondment.save(update_fields=["status", *fields])
    return previous


def _check_seat(post: Post, *, excluding: Secondment | None = None) -> None:
    """Raise unless the (locked) post is open and has a free seat."""
    if post.status != PostStatus.OPEN:
        raise TransitionError(_("The post %(post)s has been withdrawn.") % {"post": post})
    holders = Assignment.objects.filter(post=post, end_date__isnull=True)
    if excluding is not None:
        holders = holders.exclude(secondment=excluding)
    if holders.count() >= post.quota:
        raise TransitionError(
            _("The post %(post)s is full: its %(quota)d seat(s) are taken.")
            % {"post": post, "quota": post.quota}
        )


@transaction.atomic
def register_secondment(
    *,
    cadre: Cadre,
    sending_unit: Unit,
    term_start: datetime.date,
    term_end: datetime.date,
    actor,
    batch: str = "",
    appointment_document: str = "",
    sending_unit_recommendations: str = "",
) -> Secondment:
    """Register an expected secondment for a cadre who has none open."""
    Cadre.objects.select_for_update().get(pk=cadre.pk)
    if term_end <= term_start:
        raise TransitionError(_("The planned term end must be after the term start."))
    if Secondment.objects.filter(cadre=cadre, status__in=OPEN_STATUSES).exists():
        raise TransitionError(
            _("%(name)s already has a secondment that has not ended.") % {"name": cadre.name}
        )
    if Secondment.objects.filter(cadre=cadre, term_start=term_start).exists():
        raise TransitionError(
            _("%(name)s already has a secondment starting on that date.") % {"name": cadre.name}
        )
    secondment = Secondment.objects.create(
        cadre=cadre,
        sending_unit=sending_unit,
        term_start=term_start,
        term_end=term_end,
        batch=batch,
        appointment_document=appointment_document,
        sending_unit_recommendations=sending_unit_recommendations,
        status=S.EXPECTED,
    )
    record_event(secondment=secondment, action=EventAction.REGISTER, actor=actor, to_status=S.EXPECTED)
    return secondment


def create_checklist(secondment: Secondment, reported_on: datetime.date) -> None:
    """Give a reporting secondment every intake step in use, each with its due date."""
    existing = set(secondment.checklist.values_list("item_id", flat=True))
    ChecklistEntry.objects.bulk_create(
        ChecklistEntry(
            secondment=secondment,
            item=item,
            due_on=reported_on + datetime.timedelta(days=item.days_due),
        )
        for item in ChecklistItem.objects.filter(active=True)
        if item.pk not in existing
    )


@transaction.atomic
def report_arrival(*, secondment: Secondment, reported_on: datetime.date, actor) -> Secondment:
    """The cadre reported for duty: expected → awaiting a post; the intake checklist starts."""
    secondment = _lock(secondment)
    _require(secondment, (S.EXPECTED,), _("record the arrival"))
    if reported_on > timezone.localdate():
        raise TransitionError(_("The reporting date cannot be in the future."))
    secondment.reported_on = reported_on
    previous = _set_status(secondment, S.AWAITING_POST, "reported_on")
    create_checklist(secondment, reported_on)
    record_event(
        secondment=secondment,
        action=EventAction.REPORT,
        actor=actor,
        from_status=previous,
        to_status=S.AWAITING_POST,
        note=_("Reported on %(date)s") % {"date": reported_on.isoformat()},
    )
    return secondment


def _check_start(secondment: Secondment, start_date: datetime.date) -> None:
    earliest = secondment.reported_on or secondment.term_start
    if start_date < earliest:
        raise TransitionError(
            _("The post cannot start before %(date)s, when the cadre reported.")
            % {"date": earliest.isoformat()}
        )


@transaction.atomic
def assign(
    *,
    secondment: Secondment,
    post: Post,
    start_date: datetime.date,
    actor,
    title: str = "",
    duties: str = "",
    note: str = "",
) -> Assignment:
    """Place a waiting cadre in a post with a free seat: awaiting a post → in post."""
    secondment = _lock(secondment)
    _require(secondment, (S.AWAITING_POST,), _("place in a post"))
    post = _lock_post(post)
    _check_seat(post)
    _check_start(secondment, start_date)
    assignment = Assignment.objects.create(
        secondment=secondment,
        post=post,
        start_date=start_date,
        title=title or post.title,
        duties=duties or post.portfolio,
    )
    secondment.current_unit = post.unit
    previous = _set_status(secondment, S.IN_POST, "current_unit")
    record_event(
        secondment=secondment,
        action=EventAction.ASSIGN,
        actor=actor,
        from_status=previous,
        to_status=S.IN_POST,
        note=note
        or _("%(unit)s, %(title)s, from %(date)s")
        % {"unit": post.unit.name, "title": assignment.title, "date": start_date.isoformat()},
    )
    return assignment


@transaction.atomic
def reassign(
    *,
    secondment: Secondment,
    post: Post,
    start_date: datetime.date,
    actor,
    title: str = "",
    duties: str = "",
    note: str = "",
) -> Assignment:
    """Move a cadre in post to another post: the current assignment ends the day before."""
    secondment = _lock(secondment)
    _require(secondment, (S.IN_POST,), _("move to another post"))
    current = secondment.assignments.select_for_update().get(end_date__isnull=True)
    if current.post_id == post.pk:
        raise TransitionError(_("The cadre already holds this post."))
    if start_date <= current.start_date:
        raise TransitionError(
            _("The new post must start after %(date)s, when the current one began.")
            % {"date": current.start_date.isoformat()}
        )
    post = _lock_post(post)
    _check_seat(post)
    current.end_date = start_date - datetime.timedelta(days=1)
    current.save(update_fields=["end_date"])
    assignment = Assignment.objects.create(
        secondment=secondment,
        post=post,
        start_date=start_date,
        title=title or post.title,
        duties=duties or post.portfolio,
    )
    secondment.current_unit = post.unit
    secondment.save(update_fields=["current_unit"])
    record_event(
        secondment=secondment,
        action=EventAction.REASSIGN,
        actor=actor,
        from_status=S.IN_POST,
        to_status=S.IN_POST,
        note=note
        or _("From %(old)s to %(unit)s, %(title)s, from %(date)s")
        % {
            "old": current.title,
            "unit": post.unit.name,
            "title": assignment.title,
            "date": start_date.isoformat(),
        },
    )
    return assignment


@transaction.atomic
def extend_term(*, secondment: Secondment, new_end: datetime.date, actor, note: str = "") -> Secondment:
    """Extend the term of a cadre in post to a later planned end."""
    secondment = _lock(secondment)
    _require(secondment, (S.IN_POST,), _("extend the term"))
    if new_end <= secondment.term_end:
        raise TransitionError(
            _("The new end must be after the current planned end, %(date)s.")
            % {"date": secondment.term_end.isoformat()}
        )
    old_end = secondment.term_end
    secondment.term_end = new_end
    secondment.save(update_fields=["term_end"])
    record_event(
        secondment=secondment,
        action=EventAction.EXTEND,
        actor=actor,
        from_status=S.IN_POST,
        to_status=S.IN_POST,
        note=_("From %(old)s to %(new)s. %(note)s")
        % {"old": old_end.isoformat(), "new": new_end.isoformat(), "note": note},
    )
    return secondment


def _close_open_assignment(secondment: Secondment, end_date: datetime.date) -> None:
    current = secondment.assignments.select_for_update().filter(end_date__isnull=True).first()
    if current is None:
        return
    if end_date < current.start_date:
        raise TransitionError(
            _("The end date cannot be before %(date)s, when the current post began.")
            % {"date": current.start_date.isoformat()}
        )
    current.end_date = end_date
    current.save(update_fields=["end_date"])


@transaction.atomic
def end_early(*, secondment: Secondment, end_date: datetime.date, reason: str, actor) -> Secondment:
    """End a secondment that has not run its term; the reason is required."""
    secondment = _lock(secondment)
    _require(secondment, OPEN_STATUSES, _("end the secondment early"))
    if not reason.strip():
        raise TransitionError(_("Give the reason for ending the secondment early."))
    if end_date < secondment.term_start:
        raise TransitionError(_("The end date cannot be before the term start."))
    _close_open_assignment(secondment, end_date)
    secondment.actual_end = end_date
    secondment.end_reason = EndReason.ENDED_EARLY
    secondment.end_note = reason.strip()
    previous = _set_status(secondment, S.ENDED_EARLY, "actual_end", "end_reason", "end_note")
    record_event(
        secondment=secondment,
        action=EventAction.END_EARLY,
        actor=actor,
        from_status=previous,
        to_status=S.ENDED_EARLY,
        note=reason.strip(),
    )
    return secondment


def review_offered_from(secondment: Secondment) -> datetime.date:
    """The first day the end-of-term review may start."""
    return secondment.term_end - datetime.timedelta(days=settings.GUAZHI["REVIEW_OFFERED_DAYS"])


@transaction.atomic
def start_review(*, secondment: Secondment, actor, today: datetime.date | None = None) -> Secondment:
    """Begin the end-of-term review: in post → under review, from 90 days before the term end."""
    secondment = _lock(secondment)
    _require(secondment, (S.IN_POST,), _("start the end-of-term review"))
    today = today or timezone.localdate()
    opens = review_offered_from(secondment)
    if today < opens:
        raise TransitionError(
            _("The end-of-term review can start from %(date)s.") % {"date": opens.isoformat()}
        )
    previous = _set_status(secondment, S.UNDER_REVIEW)
    record_event(
        secondment=secondment,
        action=EventAction.START_REVIEW,
        actor=actor,
        from_status=previous,
        to_status=S.UNDER_REVIEW,
    )
    return secondment


@transaction.atomic
def complete_secondment(
    *,
    secondment: Secondment,
    end_date: datetime.date,
    actor,
    end_reason: str = EndReason.TERM_COMPLETED,
    note: str = "",
) -> Secondment:
    """Close a reviewed secondment: under review → completed (called when its review is archived)."""
    secondment = _lock(secondment)
    _require(secondment, (S.UNDER_REVIEW,), _("archive the secondment"))
    if end_date < secondment.term_start:
        raise TransitionError(_("The end date cannot be before the term start."))
    _close_open_assignment(secondment, end_date)
    secondment.actual_end = end_date
    secondment.end_reason = end_reason
    previous = _set_status(secondment, S.COMPLETED, "actual_end", "end_reason")
    record_event(
        secondment=secondment,
        action=EventAction.ARCHIVE,
        actor=actor,
        from_status=previous,
        to_status=S.COMPLETED,
        note=note,
    )
    return secondment


@transaction.atomic
def complete_checklist_entry(*, entry: ChecklistEntry, done_on: datetime.date, actor) -> ChecklistEntry:
    """Tick an intake step as done on a date."""
    entry = ChecklistEntry.objects.select_for_update().select_related("item", "secondment").get(pk=entry.pk)
    if entry.done_on is not None:
        raise TransitionError(_("This step is already done."))
    if done_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    entry.done_on = done_on
    entry.done_by = actor
    entry.save(update_fields=["done_on", "done_by"])
    record_event(
        secondment=entry.secondment,
        action=EventAction.CHECKLIST,
        actor=actor,
        note=_("%(item)s, %(date)s") % {"item": entry.item.name, "date": done_on.isoformat()},
    )
    return entry


@transaction.atomic
def reopen_checklist_entry(*, entry: ChecklistEntry, actor) -> ChecklistEntry:
    """Undo a step ticked by mistake."""
    entry = ChecklistEntry.objects.select_for_update().select_related("item", "secondment").get(pk=entry.pk)
    entry.done_on = None
    entry.done_by = None
    entry.save(update_fields=["done_on", "done_by"])
    record_event(
        secondment=entry.secondment,
        action=EventAction.CHECKLIST,
        actor=actor,
        note=_("%(item)s marked as not done") % {"item": entry.item.name},
    )
    return entry


@transaction.atomic
def withdraw_post(*, post: Post, actor) -> Post:
    """Withdraw an open post that nobody holds."""
    post = _lock_post(post)
    if post.status != PostStatus.OPEN:
        raise TransitionError(_("The post is already withdrawn."))
    if post.assignments.filter(end_date__isnull=True).exists():
        raise TransitionError(_("The post is held; move or end its holders' assignments first."))
    post.status = PostStatus.WITHDRAWN
    post.save(update_fields=["status"])
    return post


@transaction.atomic
def reopen_post(*, post: Post, actor) -> Post:
    post = _lock_post(post)
    if post.status == PostStatus.OPEN:
        raise TransitionError(_("The post is already open."))
    post.status = PostStatus.OPEN
    post.save(update_fields=["status"])
    return post


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
    user = actor if actor is not None and actor.is_authenticated else None
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
                        "date": placed.start_date.isoformat(),
                    },
                    imported=True,
                    at=now,
                )
            )
    return events
