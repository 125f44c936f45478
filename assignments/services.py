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
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cadres.models import Cadre, Specialty, Unit
from cadres.pinyin import name_initials, name_pinyin
from guazhi.dates import long_date
from guazhi.uploads import validate_document
from guazhi.workflow import TransitionError

from .choices import (
    IN_COUNTY_STATUSES,
    OPEN_STATUSES,
    ApprovalTier,
    ChecklistTrigger,
    EndReason,
    EventAction,
    LeaveStatus,
    PostStatus,
    SecondmentStatus,
    TalkKind,
)
from .models import (
    Assignment,
    ChecklistEntry,
    ChecklistItem,
    Leave,
    Post,
    ReminderLog,
    Secondment,
    SecondmentEvent,
    Talk,
)
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


def record_events(events: list[SecondmentEvent]) -> list[SecondmentEvent]:
    """Add many timeline lines in one insert (for steps that touch many secondments at once)."""
    for event in events:
        if event.actor is not None and not event.actor.is_authenticated:
            event.actor = None
    return SecondmentEvent.objects.bulk_create(events)


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
        note=_("Reported on %(date)s") % {"date": long_date(reported_on)},
    )
    return secondment


def _check_start(secondment: Secondment, start_date: datetime.date) -> None:
    earliest = secondment.reported_on or secondment.term_start
    if start_date < earliest:
        raise TransitionError(
            _("The post cannot start before %(date)s, when the cadre reported.")
            % {"date": long_date(earliest)}
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
        % {"unit": post.unit.name, "title": assignment.title, "date": long_date(start_date)},
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
            % {"date": long_date(current.start_date)}
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
            "date": long_date(start_date),
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
            % {"date": long_date(secondment.term_end)}
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
        % {"old": long_date(old_end), "new": long_date(new_end), "note": note},
    )
    return secondment


def _close_open_assignment(secondment: Secondment, end_date: datetime.date) -> None:
    current = secondment.assignments.select_for_update().filter(end_date__isnull=True).first()
    if current is None:
        return
    if end_date < current.start_date:
        raise TransitionError(
            _("The end date cannot be before %(date)s, when the current post began.")
            % {"date": long_date(current.start_date)}
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
            _("The end-of-term review can start from %(date)s.") % {"date": long_date(opens)}
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
        note=_("%(item)s, %(date)s") % {"item": entry.item.name, "date": long_date(done_on)},
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


# --- in-term care: talks, mentor, training plan -------------------------------


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _tick_intake(secondment: Secondment, trigger: str, done_on: datetime.date, actor) -> None:
    """Tick the open intake steps that this record fulfils (see ChecklistItem.fulfilled_by)."""
    secondment.checklist.filter(item__fulfilled_by=trigger, done_on__isnull=True).update(
        done_on=done_on, done_by=actor if actor is not None and actor.is_authenticated else None
    )


def _check_day(secondment: Secondment, day: datetime.date, what: str) -> None:
    """A day something happened: not in the future, not before the cadre reported."""
    if day > timezone.localdate():
        raise TransitionError(_("The %(what)s cannot be in the future.") % {"what": what})
    earliest = secondment.reported_on or secondment.term_start
    if day < earliest:
        raise TransitionError(
            _("The %(what)s cannot be before %(date)s, when the cadre reported.")
            % {"what": what, "date": long_date(earliest)}
        )


def refresh_last_talk(secondment_ids) -> None:
    """Recompute the date of each secondment's last talk, after talks were changed or deleted other
    than through ``record_talk`` (the administration), so the 'no talk' watch stays true."""
    latest = Talk.objects.filter(secondment=OuterRef("pk")).order_by("-date").values("date")[:1]
    Secondment.objects.filter(pk__in=list(secondment_ids)).update(last_talk_on=Subquery(latest))


@transaction.atomic
def record_talk(
    *,
    secondment: Secondment,
    date: datetime.date,
    kind: str,
    talker: str,
    talker_role: str,
    actor,
    issues_thinking: str = "",
    issues_work: str = "",
    issues_living: str = "",
    actions_taken: str = "",
    follow_up: str = "",
    follow_up_due: datetime.date | None = None,
) -> Talk:
    """Record a talk with a reported cadre still in the county; an arrival talk ticks its intake step,
    and a talk later than any before moves the secondment's last talk date."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("record a talk"))
    _check_day(secondment, date, _("date of the talk"))
    if not talker.strip():
        raise TransitionError(_("Say who talked with the cadre."))
    if follow_up_due is not None and not follow_up.strip():
        raise TransitionError(_("Describe the follow-up that is due."))
    if follow_up_due is not None and follow_up_due < date:
        raise TransitionError(_("The follow-up cannot be due before the talk."))
    talk = Talk.objects.create(
        secondment=secondment,
        date=date,
        kind=kind,
        talker=talker.strip(),
        talker_role=talker_role,
        issues_thinking=issues_thinking.strip(),
        issues_work=issues_work.strip(),
        issues_living=issues_living.strip(),
        actions_taken=actions_taken.strip(),
        follow_up=follow_up.strip(),
        follow_up_due=follow_up_due,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    if secondment.last_talk_on is None or date > secondment.last_talk_on:
        # An update rather than save(): the date is derived, not a change to the secondment's record.
        Secondment.objects.filter(pk=secondment.pk).update(last_talk_on=date)
    if kind == TalkKind.ARRIVAL:
        _tick_intake(secondment, ChecklistTrigger.ARRIVAL_TALK, date, actor)
    record_event(
        secondment=secondment,
        action=EventAction.TALK,
        actor=actor,
        note=_("%(kind)s on %(date)s with %(talker)s (%(role)s)")
        % {
            "kind": talk.get_kind_display(),
            "date": long_date(date),
            "talker": talk.talker,
            "role": talk.get_talker_role_display(),
        },
    )
    return talk


@transaction.atomic
def complete_follow_up(*, talk: Talk, done_on: datetime.date, actor) -> Talk:
    """Mark the follow-up of a talk as done, on a day from the talk to today."""
    secondment = _lock(talk.secondment)
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    _require(secondment, OPEN_STATUSES, _("complete a follow-up"))
    if not talk.follow_up:
        raise TransitionError(_("This talk has no follow-up."))
    if talk.follow_up_done_on is not None:
        raise TransitionError(_("This follow-up is already done."))
    if done_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    if done_on < talk.date:
        raise TransitionError(
            _("The follow-up cannot be done before the talk, on %(date)s.") % {"date": long_date(talk.date)}
        )
    talk.follow_up_done_on = done_on
    talk.save(update_fields=["follow_up_done_on"])
    record_event(
        secondment=secondment,
        action=EventAction.TALK,
        actor=actor,
        note=_("Follow-up of the talk on %(date)s done on %(done)s: %(follow_up)s")
        % {"date": long_date(talk.date), "done": long_date(done_on), "follow_up": talk.follow_up},
    )
    return talk


@transaction.atomic
def name_mentor(*, secondment: Secondment, mentor: str, named_on: datetime.date, actor) -> Secondment:
    """Name (or change) the county leader who mentors a reported cadre; ticks the intake step."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("name the mentor"))
    mentor = mentor.strip()
    if not mentor:
        raise TransitionError(_("Give the mentor's name and post."))
    if mentor == secondment.mentor:
        raise TransitionError(_("%(mentor)s is already the mentor.") % {"mentor": mentor})
    _check_day(secondment, named_on, _("date the mentor was named"))
    previous = secondment.mentor
    secondment.mentor = mentor
    secondment.mentor_named_on = named_on
    secondment.save(update_fields=["mentor", "mentor_named_on"])
    _tick_intake(secondment, ChecklistTrigger.MENTOR, named_on, actor)
    note = _("%(mentor)s, from %(date)s") % {"mentor": mentor, "date": long_date(named_on)}
    if previous:
        note += _(" (instead of %(previous)s)") % {"previous": previous}
    record_event(secondment=secondment, action=EventAction.MENTOR, actor=actor, note=note)
    return secondment


@transaction.atomic
def file_training_plan(
    *,
    secondment: Secondment,
    text: str,
    filed_on: datetime.date,
    actor,
    attachment=None,
    recommendations: str | None = None,
) -> Secondment:
    """File (or revise) the training plan of a reported cadre as text, an attached file or both."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("file the training plan"))
    text = text.strip()
    if not text and attachment is None and not secondment.training_plan_file:
        raise TransitionError(_("Write the training plan or attach it as a file."))
    _check_day(secondment, filed_on, _("date the plan was filed"))
    if attachment is not None:
        try:
            validate_document(attachment)
        except ValidationError as error:
            raise TransitionError(" ".join(error.messages)) from None
    revised = secondment.training_plan_filed_on is not None
    fields = ["training_plan", "training_plan_filed_on"]
    secondment.training_plan = text
    secondment.training_plan_filed_on = filed_on
    if attachment is not None:
        secondment.training_plan_file = attachment
        fields.append("training_plan_file")
    if recommendations is not None:
        secondment.sending_unit_recommendations = recommendations.strip()
        fields.append("sending_unit_recommendations")
    secondment.save(update_fields=fields)
    _tick_intake(secondment, ChecklistTrigger.TRAINING_PLAN, filed_on, actor)
    note = (_("Revised on %(date)s") if revised else _("Filed on %(date)s")) % {"date": long_date(filed_on)}
    if attachment is not None:
        note += _(", with an attached file")
    record_event(secondment=secondment, action=EventAction.TRAINING_PLAN, actor=actor, note=note)
    return secondment


# --- leave (请销假) --------------------------------------------------------------

# Leave that still holds its days: a request waiting for a decision, or approved leave.
LIVE_LEAVE = (LeaveStatus.REQUESTED, LeaveStatus.APPROVED)


def approval_tier_for(days: int) -> str:
    """Who approves leave of this many days: the receiving unit, the county, or the sending side."""
    if days <= settings.GUAZHI["LEAVE_UNIT_MAX_DAYS"]:
        return ApprovalTier.RECEIVING_UNIT
    if days <= settings.GUAZHI["LEAVE_COUNTY_MAX_DAYS"]:
        return ApprovalTier.COUNTY
    return ApprovalTier.SENDING_SIDE


def _leave_label(leave: Leave) -> str:
    return _("%(kind)s, %(start)s to %(end)s (%(days)d days)") % {
        "kind": leave.get_kind_display(),
        "start": long_date(leave.start_date),
        "end": long_date(leave.end_date),
        "days": leave.days,
    }


def _lock_leave(leave: Leave) -> Leave:
    secondment = _lock(leave.secondment)
    leave = Leave.objects.select_for_update().get(pk=leave.pk)
    leave.secondment = secondment
    return leave


def _require_leave(leave: Leave, allowed: tuple[str, ...], action: str) -> None:
    if leave.status not in allowed:
        raise TransitionError(
            _("Cannot %(action)s: this leave is %(status)s.")
            % {"action": action, "status": leave.get_status_display()}
        )


@transaction.atomic
def request_leave(
    *,
    secondment: Secondment,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date,
    actor,
    reason: str = "",
) -> Leave:
    """Record a leave request within the term; refused if it overlaps the cadre's other leave."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("request leave"))
    if end_date < start_date:
        raise TransitionError(_("Leave cannot end before it starts."))
    earliest = secondment.reported_on or secondment.term_start
    if start_date < earliest:
        raise TransitionError(
            _("Leave cannot start before %(date)s, when the cadre reported.") % {"date": long_date(earliest)}
        )
    if end_date > secondment.term_end:
        raise TransitionError(
            _("Leave cannot run past the end of the term, %(date)s.")
            % {"date": long_date(secondment.term_end)}
        )
    clash = (
        Leave.objects.filter(
            secondment__cadre_id=secondment.cadre_id,
            status__in=LIVE_LEAVE,
            start_date__lte=end_date,
            end_date__gte=start_date,
        )
        .order_by("start_date")
        .first()
    )
    if clash is not None:
        raise TransitionError(
            _("%(name)s already has leave at that time: %(leave)s.")
            % {"name": secondment.cadre.name, "leave": _leave_label(clash)}
        )
    days = (end_date - start_date).days + 1
    leave = Leave.objects.create(
        secondment=secondment,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        days=days,
        reason=reason.strip(),
        approval_tier=approval_tier_for(days),
        status=LeaveStatus.REQUESTED,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
    )
    record_event(
        secondment=secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=_("Leave requested: %(leave)s; to be approved by: %(tier)s")
        % {"leave": _leave_label(leave), "tier": leave.get_approval_tier_display()},
    )
    return leave


@transaction.atomic
def approve_leave(*, leave: Leave, actor, note: str = "") -> Leave:
    """Approve a leave request in the system: the approver is the user who holds its tier."""
    leave = _lock_leave(leave)
    _require_leave(leave, (LeaveStatus.REQUESTED,), _("approve"))
    leave.approver = actor
    leave.approver_name = _person(actor)
    leave.decided_on = timezone.localdate()
    leave.decision_note = note.strip()
    leave.status = LeaveStatus.APPROVED
    leave.save(update_fields=["approver", "approver_name", "decided_on", "decision_note", "status"])
    record_event(
        secondment=leave.secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=_("Leave approved: %(leave)s. %(note)s") % {"leave": _leave_label(leave), "note": note.strip()},
    )
    return leave


@transaction.atomic
def reject_leave(*, leave: Leave, actor, reason: str) -> Leave:
    """Refuse a leave request; the reason is required."""
    leave = _lock_leave(leave)
    _require_leave(leave, (LeaveStatus.REQUESTED,), _("refuse"))
    if not reason.strip():
        raise TransitionError(_("Give the reason for refusing the leave."))
    leave.approver = actor
    leave.approver_name = _person(actor)
    leave.decided_on = timezone.localdate()
    leave.decision_note = reason.strip()
    leave.status = LeaveStatus.REJECTED
    leave.save(update_fields=["approver", "approver_name", "decided_on", "decision_note", "status"])
    record_event(
        secondment=leave.secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=_("Leave refused: %(leave)s. %(reason)s")
        % {"leave": _leave_label(leave), "reason": reason.strip()},
    )
    return leave


@transaction.atomic
def record_outside_approval(
    *,
    leave: Leave,
    approver_name: str,
    decided_on: datetime.date,
    actor,
    note: str = "",
    approved: bool = True,
) -> Leave:
    """Record the decision on a request taken outside the system (e.g. by the sending unit):
    approved by default, or refused with the reason in the note."""
    leave = _lock_leave(leave)
    _require_leave(leave, (LeaveStatus.REQUESTED,), _("record the decision"))
    if not approver_name.strip():
        raise TransitionError(_("Give the name and post of whoever decided on the leave."))
    if decided_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    if not approved and not note.strip():
        raise TransitionError(_("Give the reason for refusing the leave."))
    leave.approver = None
    leave.approver_name = approver_name.strip()
    leave.decided_on = decided_on
    leave.decision_note = note.strip()
    leave.status = LeaveStatus.APPROVED if approved else LeaveStatus.REJECTED
    leave.save(update_fields=["approver", "approver_name", "decided_on", "decision_note", "status"])
    message = (
        _("Leave approved by %(approver)s on %(date)s: %(leave)s. %(note)s")
        if approved
        else _("Leave refused by %(approver)s on %(date)s: %(leave)s. %(note)s")
    )
    record_event(
        secondment=leave.secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=message
        % {
            "approver": leave.approver_name,
            "date": long_date(decided_on),
            "leave": _leave_label(leave),
            "note": note.strip(),
        },
    )
    return leave


@transaction.atomic
def report_back(*, leave: Leave, reported_back_on: datetime.date, actor) -> Leave:
    """The cadre is back from approved leave (销假); a return after the day following the leave is late."""
    leave = _lock_leave(leave)
    _require_leave(leave, (LeaveStatus.APPROVED,), _("report back"))
    if leave.reported_back_on is not None:
        raise TransitionError(
            _("The cadre already reported back on %(date)s.") % {"date": long_date(leave.reported_back_on)}
        )
    if reported_back_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    if reported_back_on < leave.start_date:
        raise TransitionError(_("The cadre cannot report back before the leave began."))
    leave.reported_back_on = reported_back_on
    leave.save(update_fields=["reported_back_on"])
    note = _("Reported back on %(date)s from %(leave)s") % {
        "date": long_date(reported_back_on),
        "leave": _leave_label(leave),
    }
    late = (reported_back_on - leave.end_date).days - 1
    if late > 0:
        note += _("; %(days)d day(s) late") % {"days": late}
    record_event(secondment=leave.secondment, action=EventAction.LEAVE, actor=actor, note=note)
    return leave


@transaction.atomic
def cancel_leave(*, leave: Leave, actor, reason: str = "") -> Leave:
    """Withdraw a request, or approved leave that has not begun; leave already begun ends by reporting back."""
    leave = _lock_leave(leave)
    _require_leave(leave, LIVE_LEAVE, _("cancel"))
    if leave.status == LeaveStatus.APPROVED and leave.start_date <= timezone.localdate():
        raise TransitionError(_("This leave has begun; record the cadre's return instead."))
    leave.status = LeaveStatus.CANCELLED
    leave.decision_note = "\n".join(part for part in (leave.decision_note, reason.strip()) if part)
    leave.save(update_fields=["status", "decision_note"])
    record_event(
        secondment=leave.secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=_("Leave cancelled: %(leave)s. %(reason)s")
        % {"leave": _leave_label(leave), "reason": reason.strip()},
    )
    return leave


# --- reminders ----------------------------------------------------------------


@transaction.atomic
def record_reminders_sent(*, user, keys: list[str], at: datetime.datetime | None = None) -> int:
    """Note that these digest items went to this user, so they are not sent again too soon."""
    at = at or timezone.now()
    ReminderLog.objects.bulk_create(ReminderLog(user=user, key=key, sent_at=at) for key in keys)
    return len(keys)


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
                        "date": long_date(placed.start_date),
                    },
                    imported=True,
                    at=now,
                )
            )
    return events
