"""Every step of an appraisal and of the end-of-term review, and the writes that go with it.

Each step takes keyword-only arguments, runs in one transaction, re-reads its
rows with ``select_for_update`` (the secondment before its review; an
appraisal before its round or its review), checks the current state, raises
``TransitionError`` with a readable message when the step is not allowed,
and writes a line on the secondment's timeline. Nothing outside this module
assigns the status of a round, an appraisal or a review.

Timeline notes carry no grades: the sending unit's liaisons read the
timeline, and they see results only once they are confirmed or fed back.
The lines about an appraisal in progress (asked for, filed, returned) are
written ``shown_to_sending_unit=False``; its confirmation is shown.
"""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assignments import services as assignment_services
from assignments.choices import SERVING_STATUSES, EventAction, SecondmentStatus
from assignments.models import Secondment, SecondmentEvent
from cadres.models import Unit
from cadres.selectors import on_behalf_of
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user, on_behalf_note

from ..choices import (
    ASPECTS,
    TO_FILE,
    AppraisalStatus,
    Grade,
    ReviewStatus,
    RoundKind,
    RoundStatus,
    grades_for,
)
from ..models import Appraisal, AppraisalRound, TermReview

A = AppraisalStatus
R = ReviewStatus

# What a leader writes in an appraisal; nothing else is taken from a form.
FILED_FIELDS = (
    *ASPECTS,
    *(f"{aspect}_remarks" for aspect in ASPECTS),
    "grade",
    "ungraded_reason",
    "strengths",
    "weaknesses",
    "hopes",
)


# --- rounds ---------------------------------------------------------------------------------------


def _eligible(
    appraisal_round: AppraisalRound,
    *,
    receiving_unit: Unit | None,
    sending_unit: Unit | None,
    batch: str,
) -> QuerySet[Secondment]:
    statuses = (
        (SecondmentStatus.UNDER_REVIEW,) if appraisal_round.kind == RoundKind.TERM_END else SERVING_STATUSES
    )
    eligible = Secondment.objects.filter(status__in=statuses, current_unit__isnull=False)
    if receiving_unit is not None:
        eligible = eligible.filter(current_unit=receiving_unit)
    if sending_unit is not None:
        eligible = eligible.filter(sending_unit=sending_unit)
    if batch:
        eligible = eligible.filter(batch=batch)
    eligible = eligible.exclude(
        pk__in=Appraisal.objects.filter(round=appraisal_round).values("secondment_id")
    )
    if appraisal_round.kind == RoundKind.TERM_END:
        # A term has one end-of-term appraisal; one already gathered into a round stays there.
        eligible = eligible.exclude(
            pk__in=Appraisal.objects.filter(kind=RoundKind.TERM_END, round__isnull=False).values(
                "secondment_id"
            )
        )
    return eligible


def _add_appraisals(appraisal_round: AppraisalRound, *, actor, **filters) -> int:
    """One pending appraisal per eligible secondment not yet in the round, in a fixed number of queries."""
    rows = list(_eligible(appraisal_round, **filters).values_list("pk", "current_unit_id"))
    gathered: list[Appraisal] = []
    if appraisal_round.kind == RoundKind.TERM_END and rows:
        # The end-of-term appraisals that reviews opened join the round instead of being made twice.
        gathered = list(
            Appraisal.objects.filter(
                kind=RoundKind.TERM_END, round__isnull=True, secondment_id__in=[pk for pk, _unit in rows]
            )
        )
        for appraisal in gathered:
            appraisal.round = appraisal_round
            appraisal.due_date = appraisal_round.due_date
        if gathered:
            bulk_update_with_history(gathered, Appraisal, ["round", "due_date"], default_user=actor)
    already = {appraisal.secondment_id for appraisal in gathered}
    new = [
        Appraisal(
            secondment_id=pk,
            round=appraisal_round,
            kind=appraisal_round.kind,
            unit_id=unit_id,
            due_date=appraisal_round.due_date,
        )
        for pk, unit_id in rows
        if pk not in already
    ]
    if new:
        bulk_create_with_history(new, Appraisal, default_user=actor)
    note = _("%(round)s: the receiving unit files the appraisal by %(date)s.") % {
        "round": appraisal_round.title,
        "date": long_date(appraisal_round.due_date),
    }
    assignment_services.record_events(
        [
            SecondmentEvent(
                secondment_id=pk,
                action=EventAction.APPRAISAL,
                actor=actor,
                note=note,
                shown_to_sending_unit=False,
            )
            for pk, _u in rows
        ]
    )
    return len(rows)


@transaction.atomic
def open_round(
    *,
    title: str,
    kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_date: datetime.date,
    actor,
    note: str = "",
    receiving_unit: Unit | None = None,
    sending_unit: Unit | None = None,
    batch: str = "",
) -> tuple[AppraisalRound, int]:
    """Open a round: one pending appraisal per eligible secondment of the subset; returns it and the count."""
    title = title.strip()
    if period_end < period_start:
        raise TransitionError(_("The period cannot end before it starts."))
    if AppraisalRound.objects.filter(title=title).exists():
        raise TransitionError(_("A round called %(title)s already exists.") % {"title": title})
    appraisal_round = AppraisalRound.objects.create(
        title=title,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        note=note,
        opened_by=acting_user(actor),
    )
    added = _add_appraisals(
        appraisal_round, actor=actor, receiving_unit=receiving_unit, sending_unit=sending_unit, batch=batch
    )
    return appraisal_round, added


@transaction.atomic
def extend_round(
    *,
    appraisal_round: AppraisalRound,
    actor,
    receiving_unit: Unit | None = None,
    sending_unit: Unit | None = None,
    batch: str = "",
) -> int:
    """Add to an open round the eligible secondments of a subset that are not in it yet (idempotent)."""
    appraisal_round = AppraisalRound.objects.select_for_update().get(pk=appraisal_round.pk)
    if appraisal_round.status != RoundStatus.OPEN:
        raise TransitionError(_("The round %(round)s is closed.") % {"round": appraisal_round.title})
    return _add_appraisals(
        appraisal_round, actor=actor, receiving_unit=receiving_unit, sending_unit=sending_unit, batch=batch
    )


@transaction.atomic
def close_round(*, appraisal_round: AppraisalRound, actor) -> AppraisalRound:
    """Close an open round; appraisals not filed by then stay unfiled and leave the leaders' queues."""
    appraisal_round = AppraisalRound.objects.select_for_update().get(pk=appraisal_round.pk)
    if appraisal_round.status != RoundStatus.OPEN:
        raise TransitionError(_("The round %(round)s is already closed.") % {"round": appraisal_round.title})
    appraisal_round.status = RoundStatus.CLOSED
    appraisal_round.closed_by = acting_user(actor)
    appraisal_round.closed_at = timezone.now()
    appraisal_round.save(update_fields=["status", "closed_by", "closed_at"])
    return appraisal_round


# What a correction of a round may change; its kind decides who is in it, and opening, extending and
# closing it are steps of the round's page.
CORRECTABLE_ROUND_FIELDS = ("title", "period_start", "period_end", "due_date", "note")


@transaction.atomic
def edit_round(*, appraisal_round: AppraisalRound, actor, **fields) -> AppraisalRound:
    """Correct a round's title, period, due date or note (``fields``). Its appraisals are due when it
    is, so a new due date moves theirs with it, each in its change history."""
    unknown = set(fields) - set(CORRECTABLE_ROUND_FIELDS)
    if unknown:
        raise ValueError(f"edit_round does not change {sorted(unknown)}")
    appraisal_round = AppraisalRound.objects.select_for_update().get(pk=appraisal_round.pk)
    if fields.get("period_end", appraisal_round.period_end) < fields.get(
        "period_start", appraisal_round.period_start
    ):
        raise TransitionError(_("The period cannot end before it starts."))
    for name, value in fields.items():
        setattr(appraisal_round, name, value)
    appraisal_round._history_user = acting_user(actor)
    appraisal_round.save(update_fields=list(fields))
    moved = list(appraisal_round.appraisals.select_for_update().exclude(due_date=appraisal_round.due_date))
    for appraisal in moved:
        appraisal.due_date = appraisal_round.due_date
    if moved:
        bulk_update_with_history(moved, Appraisal, ["due_date"], default_user=acting_user(actor))
    return appraisal_round


# --- appraisals -------------------------------------------------------------------------------------


def _lock_appraisal(appraisal: Appraisal) -> Appraisal:
    return (
        Appraisal.objects.select_for_update(of=("self",))
        .select_related("secondment__cadre", "round", "unit")
        .get(pk=appraisal.pk)
    )


def _review_of(appraisal: Appraisal) -> TermReview | None:
    return TermReview.objects.select_for_update().filter(appraisal=appraisal).first()


def _status_error(appraisal: Appraisal, action: str) -> TransitionError:
    return TransitionError(
        _("Cannot %(action)s: the appraisal of %(name)s is %(status)s.")
        % {
            "action": action,
            "name": appraisal.secondment.cadre.name,
            "status": appraisal.get_status_display(),
        }
    )


def _check_round_open(appraisal: Appraisal, review: TermReview | None) -> None:
    # A review's appraisal stays open to the unit while the review runs, whatever its round.
    if review is None and appraisal.round_id and appraisal.round.status != RoundStatus.OPEN:
        raise TransitionError(_("The round %(round)s is closed.") % {"round": appraisal.round.title})


def _check_fileable(appraisal: Appraisal, action: str) -> TermReview | None:
    if appraisal.status not in TO_FILE:
        raise _status_error(appraisal, action)
    review = TermReview.objects.filter(appraisal=appraisal).first()
    _check_round_open(appraisal, review)
    return review


def _apply(appraisal: Appraisal, data: dict) -> None:
    for name in FILED_FIELDS:
        if name in data:
            value = data[name]
            setattr(appraisal, name, value.strip() if isinstance(value, str) else (value or ""))
    if appraisal.grade != Grade.UNGRADED:
        appraisal.ungraded_reason = ""
    if appraisal.grade and appraisal.grade not in grades_for(appraisal.kind):
        raise TransitionError(
            _("A %(kind)s is graded %(grades)s.")
            % {
                "kind": appraisal.get_kind_display(),
                "grades": " / ".join(str(Grade(value).label) for value in grades_for(appraisal.kind)),
            }
        )


@transaction.atomic
def save_appraisal_draft(*, appraisal: Appraisal, data: dict, actor) -> Appraisal:
    """Keep what the unit has written so far; a pending or returned appraisal stays to be filed."""
    appraisal = _lock_appraisal(appraisal)
    _check_fileable(appraisal, _("save the appraisal"))
    _apply(appraisal, data)
    if appraisal.grade == Grade.UNGRADED and not appraisal.ungraded_reason:
        raise TransitionError(_("Give the reason why no grade is given."))
    appraisal.save(update_fields=list(FILED_FIELDS))
    return appraisal


@transaction.atomic
def file_appraisal(*, appraisal: Appraisal, data: dict, actor) -> Appraisal:
    """Submit a pending or returned appraisal, complete, for the organization department's review."""
    appraisal = _lock_appraisal(appraisal)
    _check_fileable(appraisal, _("submit the appraisal"))
    _apply(appraisal, data)
    missing = [
        str(appraisal._meta.get_field(aspect).verbose_name)
        for aspect in ASPECTS
        if not getattr(appraisal, aspect)
    ]
    if not appraisal.grade:
        missing.append(str(appraisal._meta.get_field("grade").verbose_name))
    if missing:
        raise TransitionError(
            _("Complete the appraisal before submitting it: %(missing)s.") % {"missing": "、".join(missing)}
        )
    if appraisal.grade == Grade.UNGRADED and not appraisal.ungraded_reason:
        raise TransitionError(_("Give the reason why no grade is given."))
    previous = appraisal.status
    appraisal.status = A.SUBMITTED
    appraisal.filed_by = actor
    appraisal.filed_at = timezone.now()
    appraisal.on_behalf = on_behalf_of(actor, appraisal.unit_id)
    appraisal.save(update_fields=[*FILED_FIELDS, "status", "filed_by", "filed_at", "on_behalf"])
    assignment_services.record_event(
        secondment=appraisal.secondment,
        action=EventAction.APPRAISAL,
        actor=actor,
        note=(
            _("%(title)s: filed again by %(unit)s after it was returned.")
            if previous == A.RETURNED
            else _("%(title)s: filed by %(unit)s.")
        )
        % {"title": appraisal.title, "unit": appraisal.unit.name}
        + (on_behalf_note(actor) if appraisal.on_behalf else ""),
        shown_to_sending_unit=False,
    )
    return appraisal


@transaction.atomic
def confirm_appraisal(*, appraisal: Appraisal, actor) -> Appraisal:
    """The organization department confirms a submitted appraisal; a review waiting for it moves on."""
    appraisal = _lock_appraisal(appraisal)
    if appraisal.status != A.SUBMITTED:
        raise _status_error(appraisal, _("confirm the appraisal"))
    if appraisal.on_behalf and actor is not None and appraisal.filed_by_id == actor.pk:
        raise TransitionError(
            _("You filed this appraisal on the unit's behalf (代为录入): another staff member confirms it.")
        )
    appraisal.status = A.CONFIRMED
    appraisal.reviewed_by = actor
    appraisal.reviewed_at = timezone.now()
    appraisal.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    review = _review_of(appraisal)
    if review is not None and review.status == R.COLLECTING:
        review.status = R.APPRAISED
        review.save(update_fields=["status"])
    assignment_services.record_event(
        secondment=appraisal.secondment,
        action=EventAction.REVIEW if review is not None else EventAction.APPRAISAL,
        actor=actor,
        note=_("%(title)s: confirmed by the organization department.") % {"title": appraisal.title},
    )
    return appraisal


@transaction.atomic
def return_appraisal(*, appraisal: Appraisal, reason: str, actor) -> Appraisal:
    """Send a submitted appraisal back to the receiving unit with the reason; it is in their queue again."""
    appraisal = _lock_appraisal(appraisal)
    if appraisal.status != A.SUBMITTED:
        raise _status_error(appraisal, _("return the appraisal"))
    if not reason.strip():
        raise TransitionError(_("Give the reason for returning the appraisal."))
    _check_round_open(appraisal, TermReview.objects.filter(appraisal=appraisal).first())
    appraisal.status = A.RETURNED
    appraisal.return_reason = reason.strip()
    appraisal.reviewed_by = actor
    appraisal.reviewed_at = timezone.now()
    appraisal.save(update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"])
    assignment_services.record_event(
        secondment=appraisal.secondment,
        action=EventAction.APPRAISAL,
        actor=actor,
        note=_("%(title)s: returned to %(unit)s to be revised.")
        % {"title": appraisal.title, "unit": appraisal.unit.name},
        shown_to_sending_unit=False,
    )
    return appraisal
