"""The end-of-term review, step by step: the file, the self-summary, the democratic rating, the
organization department's opinion, the feedback to the sending unit and the archive."""

import datetime
import os
import uuid

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments import services as assignment_services
from assignments.choices import EventAction, SecondmentStatus
from assignments.models import Secondment
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user

from ..choices import (
    RATED_GRADES,
    YEAR_END_GRADES,
    Grade,
    ReviewStatus,
    RoundKind,
)
from ..models import Appraisal, TermReview
from ..selectors import attendance_snapshot
from .leaving import check_open_steps, open_exit_checklist

R = ReviewStatus

# A review appraisal opened after the term's end is due this many days later.
LATE_REVIEW_DAYS = 14

# The democratic rating (民主测评), as record_democratic_rating writes it.
RATING_FIELDS = (
    "raters",
    "votes_excellent",
    "votes_competent",
    "votes_basically_competent",
    "votes_incompetent",
    "rated_on",
)


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
        started_by=acting_user(actor),
    )
    open_exit_checklist(review)
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
    counts = {grade: int(votes.get(grade, 0) or 0) for grade in RATED_GRADES}
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
    review.save(update_fields=list(RATING_FIELDS))
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
    if not opinion.strip() or final_grade not in YEAR_END_GRADES:
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
    *,
    review: TermReview,
    actor,
    end_date: datetime.date | None = None,
    today: datetime.date | None = None,
    open_items_reason: str = "",
) -> TermReview:
    """Fed back → archived, read-only; the secondment completes on the end date (term end, or today).
    Refused while intake or exit steps are open, unless staff give the reason (kept with the review)."""
    review = _lock_review(review)
    _require_review(review, (R.FED_BACK,), _("archive the review"))
    reason = check_open_steps(review, open_items_reason)
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
    review.open_items_reason = reason
    review.save(update_fields=["attendance_snapshot", "archived_on", "status", "open_items_reason"])
    if reason:
        _review_event(review, actor, _("Archived with steps still open: %(reason)s") % {"reason": reason})
    return review
