"""Every step of an appraisal and of the end-of-term review, and the writes that go with it.

Each step takes keyword-only arguments, runs in one transaction, re-reads its
rows with ``select_for_update`` (the secondment before its review; an
appraisal before its round or its review), checks the current state, raises
``TransitionError`` with a readable message when the step is not allowed,
and writes a line on the secondment's timeline. Nothing outside this module
assigns the status of a round, an appraisal or a review.

Timeline notes carry no grades: the sending unit's liaisons read the
timeline, and they see results only once they are confirmed or fed back.
"""

import datetime
import os
import uuid

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assignments import services as assignment_services
from assignments.choices import SERVING_STATUSES, EventAction, SecondmentStatus
from assignments.models import Secondment, SecondmentEvent
from cadres.models import Unit
from guazhi.dates import long_date
from guazhi.workflow import TransitionError

from .choices import (
    ASPECTS,
    TO_FILE,
    AppraisalStatus,
    Grade,
    ReviewStatus,
    RoundKind,
    RoundStatus,
)
from .models import Appraisal, AppraisalRound, TermReview
from .selectors import attendance_snapshot

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

# A review appraisal opened after the term's end is due this many days later.
LATE_REVIEW_DAYS = 14


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
            SecondmentEvent(secondment_id=pk, action=EventAction.APPRAISAL, actor=actor, note=note)
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
        opened_by=actor if actor is not None and actor.is_authenticated else None,
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
    appraisal_round.closed_by = actor if actor is not None and actor.is_authenticated else None
    appraisal_round.closed_at = timezone.now()
    appraisal_round.save(update_fields=["status", "closed_by", "closed_at"])
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
    appraisal.save(update_fields=[*FILED_FIELDS, "status", "filed_by", "filed_at"])
    assignment_services.record_event(
        secondment=appraisal.secondment,
        action=EventAction.APPRAISAL,
        actor=actor,
        note=(
            _("%(title)s: filed again by %(unit)s after it was returned.")
            if previous == A.RETURNED
            else _("%(title)s: filed by %(unit)s.")
        )
        % {"title": appraisal.title, "unit": appraisal.unit.name},
    )
    return appraisal


@transaction.atomic
def confirm_appraisal(*, appraisal: Appraisal, actor) -> Appraisal:
    """The organization department confirms a submitted appraisal; a review waiting for it moves on."""
    appraisal = _lock_appraisal(appraisal)
    if appraisal.status != A.SUBMITTED:
        raise _status_error(appraisal, _("confirm the appraisal"))
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
    )
    return appraisal


# --- the end-of-term review -----------------------------------------------------------------------


@transaction.atomic
def start_term_review(*, secondment: Secondment, actor, today: datetime.date | None = None) -> TermReview:
    """In post (or under review without a file) → under review, with the file and the unit's 期满 appraisal."""
    today = today or timezone.localdate()
    secondment = Secondment.objects.select_for_update().select_related("cadre").get(pk=secondment.pk)
    if TermReview.objects.filter(secondment=secondment).exists():
        raise TransitionError(
            _("The end-of-term review of %(name)s has already started.") % {"name": secondment.cadre.name}
        )
    if secondment.status != SecondmentStatus.UNDER_REVIEW:
        secondment = assignment_services.start_review(secondment=secondment, actor=actor, today=today)
    appraisal = (
        Appraisal.objects.filter(secondment=secondment, kind=RoundKind.TERM_END, term_review__isnull=True)
        .order_by("-id")
        .first()
    )
    if appraisal is None:
        appraisal = Appraisal.objects.create(
            secondment=secondment,
            kind=RoundKind.TERM_END,
            unit=secondment.current_unit,
            due_date=max(secondment.term_end, today + datetime.timedelta(days=LATE_REVIEW_DAYS)),
        )
    review = TermReview.objects.create(
        secondment=secondment,
        appraisal=appraisal,
        started_by=actor if actor is not None and actor.is_authenticated else None,
    )
    assignment_services.record_event(
        secondment=secondment,
        action=EventAction.REVIEW,
        actor=actor,
        note=_("The review file is open; %(unit)s files the end-of-term appraisal by %(date)s.")
        % {"unit": appraisal.unit.name, "date": long_date(appraisal.due_date)},
    )
    return review


def _lock_review(review: TermReview) -> TermReview:
    Secondment.objects.select_for_update().get(pk=review.secondment_id)
    return (
        TermReview.objects.select_for_update(of=("self",))
        .select_related("secondment__cadre", "appraisal")
        .get(pk=review.pk)
    )


def _require_review(review: TermReview, allowed: tuple[str, ...], action: str) -> None:
    secondment = review.secondment
    if review.status != R.ARCHIVED and secondment.status != SecondmentStatus.UNDER_REVIEW:
        raise TransitionError(
            _("Cannot %(action)s: %(name)s's secondment is %(status)s.")
            % {"action": action, "name": secondment.cadre.name, "status": secondment.get_status_display()}
        )
    if review.status not in allowed:
        raise TransitionError(
            _("Cannot %(action)s: the end-of-term review of %(name)s is at the step “%(status)s”.")
            % {"action": action, "name": secondment.cadre.name, "status": review.get_status_display()}
        )


def _not_future(day: datetime.date, today: datetime.date) -> None:
    if day > today:
        raise TransitionError(_("The date cannot be in the future."))


def _review_event(review: TermReview, actor, note: str) -> None:
    assignment_services.record_event(
        secondment=review.secondment, action=EventAction.REVIEW, actor=actor, note=note
    )


@transaction.atomic
def record_self_summary(
    *,
    review: TermReview,
    actor,
    text: str = "",
    upload: UploadedFile | None = None,
    received_on: datetime.date | None = None,
) -> TermReview:
    """Keep the cadre's self-summary, typed in by staff or as an uploaded file, before the review."""
    review = _lock_review(review)
    _require_review(review, (R.COLLECTING, R.APPRAISED), _("record the self-summary"))
    today = timezone.localdate()
    received_on = received_on or today
    _not_future(received_on, today)
    text = text.strip()
    if not text and upload is None and not review.self_summary_file:
        raise TransitionError(_("Type the self-summary or upload it as a file."))
    fields = ["self_summary", "self_summary_on"]
    review.self_summary = text
    review.self_summary_on = received_on
    if upload is not None:
        # Stored under a random name: the original may hold the cadre's name, and is kept apart.
        extension = os.path.splitext(upload.name)[1].lower()
        review.self_summary_file.save(f"{uuid.uuid4().hex}{extension}", upload, save=False)
        review.self_summary_filename = os.path.basename(upload.name)[:200]
        fields += ["self_summary_file", "self_summary_filename"]
    review.save(update_fields=fields)
    _review_event(review, actor, _("The self-summary is on file."))
    return review


@transaction.atomic
def record_democratic_rating(
    *,
    review: TermReview,
    raters: int,
    votes: dict[str, int],
    rated_on: datetime.date,
    actor,
) -> TermReview:
    """Record the democratic rating (民主测评): the raters and the votes per grade, which must add up."""
    review = _lock_review(review)
    _require_review(review, (R.COLLECTING, R.APPRAISED), _("record the democratic rating"))
    _not_future(rated_on, timezone.localdate())
    counts = {grade: int(votes.get(grade, 0) or 0) for grade in Grade.values if grade != Grade.UNGRADED}
    if raters < 1 or any(count < 0 for count in counts.values()):
        raise TransitionError(_("Give the number of raters and the votes for each grade."))
    if sum(counts.values()) != raters:
        raise TransitionError(
            _("The votes add up to %(sum)d, but there were %(raters)d raters.")
            % {"sum": sum(counts.values()), "raters": raters}
        )
    review.raters = raters
    review.votes_excellent = counts[Grade.EXCELLENT]
    review.votes_competent = counts[Grade.COMPETENT]
    review.votes_basically_competent = counts[Grade.BASICALLY_COMPETENT]
    review.votes_incompetent = counts[Grade.INCOMPETENT]
    review.rated_on = rated_on
    review.save(
        update_fields=[
            "raters",
            "votes_excellent",
            "votes_competent",
            "votes_basically_competent",
            "votes_incompetent",
            "rated_on",
        ]
    )
    _review_event(
        review, actor, _("The democratic rating is recorded: %(raters)d raters.") % {"raters": raters}
    )
    return review


@transaction.atomic
def record_org_opinion(
    *, review: TermReview, opinion: str, final_grade: str, actor, today: datetime.date | None = None
) -> TermReview:
    """Appraised, with self-summary and rating on file → reviewed: the opinion and the final grade."""
    review = _lock_review(review)
    _require_review(review, (R.APPRAISED,), _("give the organization department's opinion"))
    if not review.has_self_summary:
        raise TransitionError(_("The self-summary is not on file yet."))
    if not review.has_rating:
        raise TransitionError(_("The democratic rating is not recorded yet."))
    if not opinion.strip() or final_grade not in Grade.values:
        raise TransitionError(_("Give the opinion and the final grade."))
    review.org_opinion = opinion.strip()
    review.final_grade = final_grade
    review.reviewed_by = actor
    review.reviewed_on = today or timezone.localdate()
    review.status = R.REVIEWED
    review.save(update_fields=["org_opinion", "final_grade", "reviewed_by", "reviewed_on", "status"])
    _review_event(review, actor, _("The organization department has given its opinion and the final grade."))
    return review


@transaction.atomic
def record_feedback(*, review: TermReview, fed_back_on: datetime.date, actor) -> TermReview:
    """The result went back to the sending unit on a date; from now on its liaisons can read it."""
    review = _lock_review(review)
    _require_review(review, (R.REVIEWED,), _("record the feedback to the sending unit"))
    _not_future(fed_back_on, timezone.localdate())
    if review.reviewed_on and fed_back_on < review.reviewed_on:
        raise TransitionError(
            _("The result cannot be fed back before %(date)s, when it was reviewed.")
            % {"date": long_date(review.reviewed_on)}
        )
    review.fed_back_on = fed_back_on
    review.status = R.FED_BACK
    review.save(update_fields=["fed_back_on", "status"])
    _review_event(
        review,
        actor,
        _("The result was fed back to %(unit)s on %(date)s.")
        % {"unit": review.secondment.sending_unit.name, "date": long_date(fed_back_on)},
    )
    return review


@transaction.atomic
def archive_review(
    *, review: TermReview, actor, end_date: datetime.date | None = None, today: datetime.date | None = None
) -> TermReview:
    """Fed back → archived, read-only; the secondment completes on the end date (term end, or today)."""
    review = _lock_review(review)
    _require_review(review, (R.FED_BACK,), _("archive the review"))
    today = today or timezone.localdate()
    end_date = end_date or min(today, review.secondment.term_end)
    _not_future(end_date, today)
    secondment = assignment_services.complete_secondment(
        secondment=review.secondment,
        end_date=end_date,
        actor=actor,
        note=_("End-of-term review archived."),
    )
    review.secondment = secondment
    review.attendance_snapshot = attendance_snapshot(secondment)
    review.archived_on = today
    review.status = R.ARCHIVED
    review.save(update_fields=["attendance_snapshot", "archived_on", "status"])
    return review
