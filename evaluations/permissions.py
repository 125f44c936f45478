"""What a user may do with an appraisal or a review they can see: the ``can_*`` flags views pass on."""

from dataclasses import dataclass

from assignments.choices import SecondmentStatus
from assignments.models import Secondment
from guazhi.access import is_org_staff

from .choices import TO_FILE, AppraisalStatus, ReviewStatus, RoundStatus
from .models import Appraisal, TermReview
from .selectors import is_filer

R = ReviewStatus


def _has_review(appraisal: Appraisal) -> bool:
    try:
        return appraisal.term_review is not None
    except TermReview.DoesNotExist:
        return False


def _round_open(appraisal: Appraisal) -> bool:
    return appraisal.round_id is None or appraisal.round.status == RoundStatus.OPEN or _has_review(appraisal)


@dataclass(frozen=True)
class AppraisalActions:
    can_file: bool
    can_confirm: bool
    can_return: bool


def appraisal_actions(user, appraisal: Appraisal) -> AppraisalActions:
    """Leaders of the appraisal's unit (and staff) file it while it is to be filed and its round open;
    staff confirm or return it once submitted."""
    staff = is_org_staff(user)
    submitted = appraisal.status == AppraisalStatus.SUBMITTED
    return AppraisalActions(
        can_file=is_filer(user, appraisal) and appraisal.status in TO_FILE and _round_open(appraisal),
        can_confirm=staff and submitted,
        can_return=staff and submitted and _round_open(appraisal),
    )


@dataclass(frozen=True)
class ReviewActions:
    can_record_self_summary: bool
    can_record_rating: bool
    can_give_opinion: bool
    can_record_feedback: bool
    can_archive: bool


def review_actions(user, review: TermReview) -> ReviewActions:
    """Only staff move a review on, one step at a time, while the secondment is under review."""
    running = is_org_staff(user) and review.secondment.status == SecondmentStatus.UNDER_REVIEW
    status = review.status
    return ReviewActions(
        can_record_self_summary=running and status in (R.COLLECTING, R.APPRAISED),
        can_record_rating=running and status in (R.COLLECTING, R.APPRAISED),
        can_give_opinion=running and status == R.APPRAISED and review.has_self_summary and review.has_rating,
        can_record_feedback=running and status == R.REVIEWED,
        can_archive=running and status == R.FED_BACK,
    )


def can_start_term_review(user, secondment: Secondment, has_review: bool) -> bool:
    """Staff start the review of a cadre in post (or open the file of one already under review)."""
    return (
        is_org_staff(user)
        and not has_review
        and secondment.status in (SecondmentStatus.IN_POST, SecondmentStatus.UNDER_REVIEW)
    )
