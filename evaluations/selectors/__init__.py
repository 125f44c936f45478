"""Who sees which round, appraisal and review, and the reads the pages share."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from cadres.choices import MembershipRole
from guazhi.access import is_org_staff, member_unit_ids, own_cadre_id

from ..choices import (
    FED_BACK_STATUSES,
    RATED_GRADES,
    TO_FILE,
    AppraisalStatus,
    Grade,
    ReviewStatus,
    RoundStatus,
)
from ..models import Appraisal, AppraisalRound, TermReview

A = AppraisalStatus
R = ReviewStatus

# What a receiving unit still has to file: while its round is open, or its end-of-term review runs.
STILL_TO_FILE = Q(status__in=TO_FILE) & (
    Q(round__isnull=True) | Q(round__status=RoundStatus.OPEN) | Q(term_review__isnull=False)
)


def rounds_visible_to(user) -> QuerySet[AppraisalRound]:
    """Rounds are the organization department's work: staff see them all, nobody else any."""
    if is_org_staff(user):
        return AppraisalRound.objects.all()
    return AppraisalRound.objects.none()


def appraisals_visible_to(user) -> QuerySet[Appraisal]:
    """Staff: all; leaders: their unit's; liaisons: confirmed ones of cadres they sent (期满 once fed back);
    a cadre with their own login: their own, on the same terms as the liaison."""
    if is_org_staff(user):
        return Appraisal.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    if not led and not liaised:
        own = own_cadre_id(user)
        if own is None:
            return Appraisal.objects.none()
        return Appraisal.objects.filter(secondment__cadre_id=own, status=A.CONFIRMED).filter(
            Q(term_review__isnull=True) | Q(term_review__status__in=FED_BACK_STATUSES)
        )
    condition = Q(pk__in=[])
    if led:
        condition |= Q(unit__in=led)
    if liaised:
        condition |= Q(secondment__sending_unit__in=liaised, status=A.CONFIRMED) & (
            Q(term_review__isnull=True) | Q(term_review__status__in=FED_BACK_STATUSES)
        )
    return Appraisal.objects.filter(condition)


def reviews_visible_to(user) -> QuerySet[TermReview]:
    """Staff: all; leaders: those of cadres placed in their unit; liaisons: their cadres' once fed back."""
    if is_org_staff(user):
        return TermReview.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    if not led and not liaised:
        return TermReview.objects.none()
    condition = Q(pk__in=[])
    if led:
        condition |= Q(secondment__current_unit__in=led)
    if liaised:
        condition |= Q(secondment__sending_unit__in=liaised, status__in=FED_BACK_STATUSES)
    return TermReview.objects.filter(condition)


def own_open_reviews(user) -> QuerySet[TermReview]:
    """The end-of-term reviews of the cadre signed in with their own login that still take their
    self-summary (个人总结): only for writing it; the review itself they do not see."""
    own = own_cadre_id(user)
    if own is None or is_org_staff(user) or member_unit_ids(user):
        return TermReview.objects.none()
    return TermReview.objects.filter(secondment__cadre_id=own, status__in=(R.COLLECTING, R.APPRAISED))


def is_filer(user, appraisal: Appraisal) -> bool:
    """Leaders of the appraisal's unit file it; staff may file in their stead."""
    return is_org_staff(user) or appraisal.unit_id in member_unit_ids(user, MembershipRole.LEADER)


# --- lists ------------------------------------------------------------------------------------------


def appraisal_list_queryset(user) -> QuerySet[Appraisal]:
    return (
        appraisals_visible_to(user)
        .select_related("secondment__cadre", "secondment__sending_unit", "round", "unit", "term_review")
        .order_by("-due_date", "unit__name", "secondment__cadre__name_pinyin", "id")
    )


def confirms_appraisals(user) -> bool:
    """Whether the user's queue holds submitted appraisals to confirm (the organization department's)
    rather than appraisals to file (a receiving unit's leaders')."""
    return is_org_staff(user)


def queue_for(user) -> QuerySet[Appraisal]:
    """Leaders: appraisals to file while their round is open or review runs; staff: submitted ones."""
    visible = appraisal_list_queryset(user).order_by("due_date", "secondment__cadre__name_pinyin", "id")
    if confirms_appraisals(user):
        return visible.filter(status=A.SUBMITTED)
    led = member_unit_ids(user, MembershipRole.LEADER)
    if not led:
        return visible.none()
    return visible.filter(STILL_TO_FILE, unit__in=led)


def overdue_appraisals(today: datetime.date) -> QuerySet[Appraisal]:
    """Appraisals the units can still file and have not by their due date (a watch of the dashboard)."""
    return Appraisal.objects.filter(STILL_TO_FILE, due_date__lt=today)


def unacknowledged_letters(sent_before: datetime.date) -> QuerySet[TermReview]:
    """Reviews whose feedback letter went to the sending unit before the day given and whose receipt
    (回执) is not confirmed (a watch of the dashboard)."""
    return TermReview.objects.filter(
        status__in=FED_BACK_STATUSES, acknowledged_on__isnull=True, fed_back_on__lt=sent_before
    )


def recently_filed_by_units(user) -> QuerySet[Appraisal]:
    """A leader's submitted appraisals waiting for the organization department: read-only to them."""
    led = member_unit_ids(user, MembershipRole.LEADER)
    return appraisal_list_queryset(user).filter(unit__in=led, status=A.SUBMITTED)


def round_list_queryset(user) -> QuerySet[AppraisalRound]:
    counts = {f"n_{status}": Count("appraisals", filter=Q(appraisals__status=status)) for status in A.values}
    return (
        rounds_visible_to(user)
        .annotate(n_total=Count("appraisals"), **counts)
        .order_by("status", "-period_end", "-id")
    )


def review_list_queryset(user) -> QuerySet[TermReview]:
    return (
        reviews_visible_to(user)
        .select_related(
            "secondment__cadre", "secondment__sending_unit", "secondment__current_unit", "appraisal"
        )
        .order_by("status", "secondment__term_end", "id")
    )


def appraisals_of(user, secondment) -> list[Appraisal]:
    """The secondment's appraisals the user may see, oldest first: grades over time."""
    return list(
        appraisals_visible_to(user)
        .filter(secondment=secondment)
        .select_related("round", "unit")
        .order_by("due_date", "id")
    )


def rated_grades() -> list[tuple[str, str]]:
    return [(value, str(Grade(value).label)) for value in RATED_GRADES]


@dataclass
class HomeQueue:
    count: int
    rows: list[Appraisal]
    # To confirm (the organization department's queue) rather than to file.
    confirms: bool


HOME_QUEUE_ROWS = 5


def home_queue(user) -> HomeQueue | None:
    """The first few appraisals waiting for a leader or for staff, for the home page; None for others."""
    if not is_org_staff(user) and not member_unit_ids(user, MembershipRole.LEADER):
        return None
    queue = queue_for(user)
    # The first rows by their keys, then read whole: sorting the whole queue with every joined
    # column costs more than sorting the keys and reading five rows.
    first = list(queue.values_list("pk", flat=True)[:HOME_QUEUE_ROWS])
    rows = {appraisal.pk: appraisal for appraisal in queue.order_by().filter(pk__in=first)}
    return HomeQueue(count=queue.count(), rows=[rows[pk] for pk in first], confirms=confirms_appraisals(user))


# The round page and the review have reads of their own; they are imported from here as before.
from .reviews import (  # noqa: E402
    ReviewSheet,
    Step,
    attendance_snapshot,
    next_step,
    open_steps,
    review_attendance,
    review_batches,
    review_sheet,
    review_sheets,
    review_steps,
    reviews_for_forms,
)
from .rounds import (  # noqa: E402
    GradeShare,
    RoundSummary,
    UnitOrderedAppraisals,
    UnitProgress,
    round_summary,
    round_unit_ids,
    unfiled_in,
)

__all__ = [
    "GradeShare",
    "ReviewSheet",
    "RoundSummary",
    "Step",
    "UnitOrderedAppraisals",
    "UnitProgress",
    "attendance_snapshot",
    "next_step",
    "open_steps",
    "review_attendance",
    "review_batches",
    "review_sheet",
    "review_sheets",
    "review_steps",
    "reviews_for_forms",
    "round_summary",
    "round_unit_ids",
    "unfiled_in",
]
