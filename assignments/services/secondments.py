"""A secondment's term: registering it, the arrival and its intake checklist, extending, ending, the review's start and the end."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Cadre, Unit
from cadres.services import create_cadre
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user

from ..choices import (
    OPEN_STATUSES,
    EndReason,
    EventAction,
)
from ..models import (
    ChecklistEntry,
    ChecklistItem,
    Secondment,
)
from .common import S, _lock, _require, _set_status, record_event


@transaction.atomic
def register_secondment(
    *,
    sending_unit: Unit,
    term_start: datetime.date,
    term_end: datetime.date,
    actor,
    cadre: Cadre | None = None,
    new_cadre: dict | None = None,
    batch: str = "",
    appointment_document: str = "",
    sending_unit_recommendations: str = "",
) -> Secondment:
    """Register an expected secondment for a cadre on file who has none open (``cadre``), or for a
    cadre added with it (``new_cadre``: the facts ``cadres.services.create_cadre`` takes); both are
    written, or neither."""
    if (cadre is None) == (new_cadre is None):
        raise ValueError("register_secondment takes a cadre on file or the facts of a new one")
    if cadre is None:
        cadre = create_cadre(actor=actor, **new_cadre)
    Cadre.objects.select_for_update().get(pk=cadre.pk)
    if term_end <= term_start:
        raise TransitionError(_("The planned term end must be after the term start."))
    if Secondment.objects.filter(cadre=cadre, status__in=OPEN_STATUSES).exists():
        raise TransitionError(
            _("%(name)s already has a secondment that has not ended.") % {"name": cadre.name}
        )
    _check_term_start_free(cadre, term_start)
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


def _check_term_start_free(cadre: Cadre, term_start: datetime.date, *, other_than=None) -> None:
    taken = Secondment.objects.filter(cadre=cadre, term_start=term_start)
    if other_than is not None:
        taken = taken.exclude(pk=other_than.pk)
    if taken.exists():
        raise TransitionError(
            _("%(name)s already has a secondment starting on that date.") % {"name": cadre.name}
        )


def term_dates_editable(secondment: Secondment) -> bool:
    """A term's dates are corrected freely until the cadre reports; from then on the end moves only
    by ``extend_term``, which leaves its line on the timeline."""
    return secondment.status == S.EXPECTED


def term_change_refusal(
    secondment: Secondment,
    *,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> str:
    """Why the term on file cannot take these dates (None: unchanged), or "" when it can."""
    changes = (term_start is not None and term_start != secondment.term_start) or (
        term_end is not None and term_end != secondment.term_end
    )
    if not changes or term_dates_editable(secondment):
        return ""
    return _(
        "On file the term ends on %(end)s; once the cadre has reported it changes only "
        "with “extend the term” on the secondment's page."
    ) % {"end": long_date(secondment.term_end)}


# The facts of a term as it is registered, and as the edit page corrects them; the state, the
# placement and the care have steps of their own.
TERM_FIELDS = (
    "sending_unit",
    "batch",
    "appointment_document",
    "term_start",
    "term_end",
    "sending_unit_recommendations",
)


@transaction.atomic
def edit_secondment(*, secondment: Secondment, actor, **fields) -> Secondment:
    """Correct the facts of a term that has not ended (``fields``, among ``TERM_FIELDS``); its
    dates only while the cadre is expected. The change history keeps who and when."""
    unknown = set(fields) - set(TERM_FIELDS)
    if unknown:
        raise ValueError(f"edit_secondment does not change {sorted(unknown)}")
    secondment = _lock(secondment)
    _require(secondment, OPEN_STATUSES, _("edit the secondment"))
    term_start = fields.get("term_start", secondment.term_start)
    term_end = fields.get("term_end", secondment.term_end)
    refusal = term_change_refusal(secondment, term_start=term_start, term_end=term_end)
    if refusal:
        raise TransitionError(refusal, fields={"term_end": refusal})
    if term_end <= term_start:
        raise TransitionError(_("The planned term end must be after the term start."))
    if term_start != secondment.term_start:
        _check_term_start_free(secondment.cadre, term_start, other_than=secondment)
    for name, value in fields.items():
        setattr(secondment, name, value)
    secondment._history_user = acting_user(actor)
    secondment.save(update_fields=list(fields))
    return secondment


def start_checklists(starts: Iterable[tuple[Secondment, datetime.date]]) -> None:
    """Give each secondment that reports, on the day given with it, every intake step in use, each due
    its item's number of days later; steps a secondment already has are kept as they are."""
    starts = list(starts)
    if not starts:
        return
    items = list(ChecklistItem.objects.filter(active=True))
    ChecklistEntry.objects.bulk_create(
        (
            ChecklistEntry(
                secondment=secondment,
                item=item,
                due_on=reported_on + datetime.timedelta(days=item.days_due),
            )
            for secondment, reported_on in starts
            for item in items
        ),
        batch_size=500,
        ignore_conflicts=True,
    )


@transaction.atomic
def report_arrival(*, secondment: Secondment, reported_on: datetime.date, actor) -> Secondment:
    """The cadre reported for duty: expected → awaiting a post; the intake checklist starts."""
    secondment = _lock(secondment)
    _require(secondment, (S.EXPECTED,), _("record the arrival"))
    if reported_on > timezone.localdate():
        raise TransitionError(_("The reporting date cannot be in the future."))
    secondment.reported_on = reported_on
    if secondment.reservation_lapsed:
        # Reported after the reserved seat lapsed: the seat may be someone else's by now.
        secondment.reserved_post = None
    previous = _set_status(secondment, S.AWAITING_POST, "reported_on", "reserved_post")
    start_checklists([(secondment, reported_on)])
    record_event(
        secondment=secondment,
        action=EventAction.REPORT,
        actor=actor,
        from_status=previous,
        to_status=S.AWAITING_POST,
        note=_("Reported on %(date)s") % {"date": long_date(reported_on)},
    )
    return secondment


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
    """The first day the end-of-term review may start: ``REVIEW_OFFERED_DAYS`` (90) before the term end."""
    return secondment.term_end - datetime.timedelta(days=settings.GUAZHI["REVIEW_OFFERED_DAYS"])


def review_may_start(secondment: Secondment, today: datetime.date | None = None) -> bool:
    """Whether the end-of-term review of a cadre in post may start today (``start_review``'s rule)."""
    return (today or timezone.localdate()) >= review_offered_from(secondment)


@transaction.atomic
def start_review(*, secondment: Secondment, actor, today: datetime.date | None = None) -> Secondment:
    """Begin the end-of-term review: in post → under review, from 90 days before the term end."""
    secondment = _lock(secondment)
    _require(secondment, (S.IN_POST,), _("start the end-of-term review"))
    if not review_may_start(secondment, today):
        raise TransitionError(
            _("The end-of-term review can start from %(date)s.")
            % {"date": long_date(review_offered_from(secondment))}
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
