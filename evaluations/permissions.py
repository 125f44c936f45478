"""What a user may do with an appraisal or a review they can see: the ``can_*`` flags views pass on."""

import datetime
from dataclasses import dataclass

from assignments.choices import SecondmentStatus
from assignments.models import Secondment
from assignments.services import review_may_start, review_offered_from
from cadres.choices import MembershipRole
from guazhi.access import is_org_staff, member_unit_ids

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
    # The user filed it on the unit's behalf (代为录入): another staff member confirms it.
    filed_for_unit_by_user: bool = False


def appraisal_actions(user, appraisal: Appraisal) -> AppraisalActions:
    """Leaders of the appraisal's unit (and staff) file it while it is to be filed and its round open;
    staff confirm or return it once submitted."""
    staff = is_org_staff(user)
    submitted = appraisal.status == AppraisalStatus.SUBMITTED
    own = appraisal.on_behalf and appraisal.filed_by_id is not None and appraisal.filed_by_id == user.pk
    return AppraisalActions(
        can_file=is_filer(user, appraisal) and appraisal.status in TO_FILE and _round_open(appraisal),
        can_confirm=staff and submitted and not own,
        can_return=staff and submitted and _round_open(appraisal),
        filed_for_unit_by_user=staff and submitted and own,
    )


@dataclass(frozen=True)
class ReviewActions:
    can_record_self_summary: bool
    can_record_rating: bool
    can_give_opinion: bool
    can_record_feedback: bool
    can_archive: bool
    can_tick_exit_steps: bool


def review_actions(user, review: TermReview) -> ReviewActions:
    """Only staff move a review on, one step at a time, while the secondment is under review."""
    running = may_start_reviews(user) and review.secondment.status == SecondmentStatus.UNDER_REVIEW
    status = review.status
    return ReviewActions(
        can_record_self_summary=running and status in (R.COLLECTING, R.APPRAISED),
        can_record_rating=running and status in (R.COLLECTING, R.APPRAISED),
        can_give_opinion=running and status == R.APPRAISED and review.has_self_summary and review.has_rating,
        can_record_feedback=running and status == R.REVIEWED,
        can_archive=running and status == R.FED_BACK,
        can_tick_exit_steps=running,
    )


def may_acknowledge_feedback(user, review: TermReview) -> bool:
    """The sending unit's liaisons confirm they received the feedback letter (staff may record a
    receipt given outside the system), once it is sent and until it is confirmed."""
    if not review.is_fed_back or review.acknowledged_on is not None:
        return False
    return is_org_staff(user) or review.secondment.sending_unit_id in member_unit_ids(
        user, MembershipRole.LIAISON
    )


def may_read_feedback_letter(user, review: TermReview) -> bool:
    """The letter exists once the result is fed back; whoever sees the review then may read it."""
    return review.is_fed_back


@dataclass(frozen=True)
class ReviewStart:
    can_start: bool
    # When the user could start it but its day has not come: the first day it is offered.
    offered_from: datetime.date | None = None


def may_start_reviews(user) -> bool:
    """End-of-term reviews are started, and moved on, by the organization department."""
    return is_org_staff(user)


def may_print_forms(user) -> bool:
    """The 鉴定表 of a whole round or batch, printed or downloaded together, are the organization
    department's to send out."""
    return is_org_staff(user)


def review_start(user, secondment: Secondment, has_review: bool) -> ReviewStart:
    """Staff start the review of a cadre in post once ``start_review`` allows it (from 90 days before
    the term end), or open the file of one already under review."""
    if not may_start_reviews(user) or has_review:
        return ReviewStart(can_start=False)
    if secondment.status == SecondmentStatus.UNDER_REVIEW:
        return ReviewStart(can_start=True)
    if secondment.status != SecondmentStatus.IN_POST:
        return ReviewStart(can_start=False)
    if review_may_start(secondment):
        return ReviewStart(can_start=True)
    return ReviewStart(can_start=False, offered_from=review_offered_from(secondment))
