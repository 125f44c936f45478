"""Who sees which round, appraisal and review, and the reads the pages share."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import Assignment, Secondment
from assignments.selectors import Attendance, attendance
from cadres.choices import MembershipRole
from cadres.models import Cadre
from guazhi.access import is_org_staff, member_unit_ids

from .choices import (
    FED_BACK_STATUSES,
    RATED_GRADES,
    TO_FILE,
    AppraisalStatus,
    Grade,
    ReviewStatus,
    RoundStatus,
)
from .models import Appraisal, AppraisalRound, TermReview

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
    """Staff: all; leaders: their unit's; liaisons: confirmed ones of cadres they sent (期满 once fed back)."""
    if is_org_staff(user):
        return Appraisal.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    if not led and not liaised:
        return Appraisal.objects.none()
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


def queue_for(user) -> QuerySet[Appraisal]:
    """Leaders: appraisals to file while their round is open or review runs; staff: submitted ones."""
    visible = appraisal_list_queryset(user).order_by("due_date", "secondment__cadre__name_pinyin", "id")
    if is_org_staff(user):
        return visible.filter(status=A.SUBMITTED)
    led = member_unit_ids(user, MembershipRole.LEADER)
    if not led:
        return visible.none()
    return visible.filter(STILL_TO_FILE, unit__in=led)


def overdue_appraisals(today: datetime.date) -> QuerySet[Appraisal]:
    """Appraisals the units can still file and have not by their due date (a watch of the dashboard)."""
    return Appraisal.objects.filter(STILL_TO_FILE, due_date__lt=today)


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


# --- the round page -------------------------------------------------------------------------------


@dataclass
class UnitProgress:
    unit: str
    pending: int = 0
    submitted: int = 0
    returned: int = 0
    confirmed: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.pending + self.submitted + self.returned + self.confirmed


@dataclass
class GradeShare:
    label: str
    count: int
    percent: int


@dataclass
class RoundSummary:
    progress: list[UnitProgress]
    totals: UnitProgress
    grades: list[GradeShare] = field(default_factory=list)
    confirmed: int = 0
    excellent: int = 0
    excellent_share: float = 0.0
    excellent_limit: float = 0.0

    @property
    def too_many_excellent(self) -> bool:
        return self.confirmed > 0 and self.excellent_share > self.excellent_limit

    @property
    def excellent_percent(self) -> int:
        return round(self.excellent_share * 100)

    @property
    def limit_percent(self) -> int:
        return round(self.excellent_limit * 100)


def round_summary(appraisal_round: AppraisalRound, today: datetime.date | None = None) -> RoundSummary:
    """Progress per receiving unit and the grade distribution of confirmed appraisals, in two queries."""
    today = today or timezone.localdate()
    by_unit = (
        appraisal_round.appraisals.values("unit__name")
        .annotate(
            pending=Count("pk", filter=Q(status=A.PENDING)),
            submitted=Count("pk", filter=Q(status=A.SUBMITTED)),
            returned=Count("pk", filter=Q(status=A.RETURNED)),
            confirmed=Count("pk", filter=Q(status=A.CONFIRMED)),
            overdue=Count("pk", filter=Q(status__in=TO_FILE, due_date__lt=today)),
        )
        .order_by("unit__name")
    )
    progress = [
        UnitProgress(
            unit=row["unit__name"],
            pending=row["pending"],
            submitted=row["submitted"],
            returned=row["returned"],
            confirmed=row["confirmed"],
            overdue=row["overdue"],
        )
        for row in by_unit
    ]
    totals = UnitProgress(
        unit=_("All units"),
        pending=sum(p.pending for p in progress),
        submitted=sum(p.submitted for p in progress),
        returned=sum(p.returned for p in progress),
        confirmed=sum(p.confirmed for p in progress),
        overdue=sum(p.overdue for p in progress),
    )
    counts = dict(
        appraisal_round.appraisals.filter(status=A.CONFIRMED)
        .values_list("grade")
        .annotate(n=Count("pk"))
        .order_by()
    )
    confirmed = sum(counts.values())
    grades = [
        GradeShare(
            label=str(label),
            count=counts.get(value, 0),
            percent=round(100 * counts.get(value, 0) / confirmed) if confirmed else 0,
        )
        for value, label in Grade.choices
    ]
    excellent = counts.get(Grade.EXCELLENT, 0)
    return RoundSummary(
        progress=progress,
        totals=totals,
        grades=grades,
        confirmed=confirmed,
        excellent=excellent,
        excellent_share=excellent / confirmed if confirmed else 0.0,
        excellent_limit=settings.GUAZHI["EXCELLENT_SHARE_WARNING"],
    )


class UnitOrderedAppraisals:
    """A round's appraisals in the order of its page (receiving unit, then pinyin), for a Paginator.

    The number of appraisals per unit says which units a page falls in, so a
    page reads the appraisals of those units only, instead of sorting a round of
    thousands by names kept in two other tables.
    """

    def __init__(self, appraisals: QuerySet[Appraisal]):
        self.appraisals = appraisals

    @cached_property
    def per_unit(self) -> list[tuple[int, int]]:
        return list(
            self.appraisals.order_by()
            .values("unit_id", "unit__name")
            .annotate(n=Count("pk"))
            .order_by("unit__name", "unit_id")
            .values_list("unit_id", "n")
        )

    def count(self) -> int:
        return sum(n for _unit, n in self.per_unit)

    def __getitem__(self, part: slice) -> list[Appraisal]:
        start, stop = part.start or 0, part.stop if part.stop is not None else self.count()
        wanted, skipped, position = [], None, 0
        for unit_id, n in self.per_unit:
            if position < stop and position + n > start:
                wanted.append(unit_id)
                skipped = start - position if skipped is None else skipped
            position += n
        if not wanted:
            return []
        rows = self.appraisals.filter(unit_id__in=wanted).order_by(
            "unit__name", "unit_id", "secondment__cadre__name_pinyin", "id"
        )
        return list(rows[skipped : skipped + stop - start])


def unfiled_in(appraisal_round: AppraisalRound) -> QuerySet[Appraisal]:
    """The appraisals of a round that the units have not filed (pending or returned)."""
    return (
        appraisal_round.appraisals.filter(status__in=TO_FILE)
        .select_related("secondment__cadre", "unit")
        .order_by("unit__name", "secondment__cadre__name_pinyin", "id")
    )


# --- the end-of-term review -------------------------------------------------------------------------


@dataclass
class Step:
    """One step of the review as the review page lists it."""

    key: str
    label: str
    done: bool
    who: str
    detail: str = ""


def review_steps(review: TermReview) -> list[Step]:
    appraisal = review.appraisal
    at_least = {
        R.APPRAISED: 1,
        R.REVIEWED: 2,
        R.FED_BACK: 3,
        R.ARCHIVED: 4,
    }.get(review.status, 0)
    staff = _("Organization department")
    unit = _("Leaders of %(unit)s") % {"unit": appraisal.unit.name}
    if appraisal.status == A.SUBMITTED:
        appraisal_who = staff
        appraisal_detail = _("Submitted; the organization department confirms or returns it.")
    elif appraisal.status == A.RETURNED:
        appraisal_who = unit
        appraisal_detail = _("Returned to the unit: %(reason)s") % {"reason": appraisal.return_reason}
    else:
        appraisal_who = unit
        appraisal_detail = appraisal.get_status_display()
    return [
        Step("self_summary", _("Self-summary"), review.has_self_summary, staff),
        Step("attendance", _("Attendance"), True, _("Drawn from leave records")),
        Step("rating", _("Democratic rating"), review.has_rating, staff),
        Step(
            "appraisal",
            _("The receiving unit's end-of-term appraisal"),
            at_least >= 1,
            appraisal_who,
            appraisal_detail,
        ),
        Step("opinion", _("Organization department's opinion and final grade"), at_least >= 2, staff),
        Step("feedback", _("Feedback to the sending unit"), at_least >= 3, staff),
        Step("archive", _("Archive"), at_least >= 4, staff),
    ]


def next_step(steps: list[Step]) -> Step | None:
    return next((step for step in steps if not step.done), None)


def attendance_snapshot(secondment: Secondment) -> dict:
    """The term's attendance as plain values, kept with the archived review."""
    record = attendance(secondment)
    return {
        "start": record.start.isoformat(),
        "end": record.end.isoformat(),
        "days": record.days,
        "days_in_post": record.days_in_post,
        "leave_days_by_kind": record.leave_days_by_kind,
        "days_away": record.days_away,
        "late_return_days": record.late_return_days,
    }


def review_attendance(review: TermReview) -> Attendance:
    """The archived attendance once the review is archived; until then, the term so far."""
    snapshot = review.attendance_snapshot
    if review.is_archived and snapshot:
        return Attendance(
            start=datetime.date.fromisoformat(snapshot["start"]),
            end=datetime.date.fromisoformat(snapshot["end"]),
            days=snapshot["days"],
            days_in_post=snapshot["days_in_post"],
            leave_days_by_kind=snapshot["leave_days_by_kind"],
            days_away=snapshot["days_away"],
            late_return_days=snapshot["late_return_days"],
        )
    return attendance(review.secondment)


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


# --- the 挂职干部鉴定表 -------------------------------------------------------------------------------


@dataclass
class ReviewSheet:
    """Everything the appraisal form (挂职干部鉴定表) prints, read once for the page and the .docx."""

    review: TermReview
    secondment: Secondment
    cadre: Cadre
    assignments: list[Assignment]
    attendance: Attendance
    appraisal: Appraisal

    @property
    def posts_text(self) -> str:
        return "；".join(f"{a.post.unit.name}{a.title}" for a in self.assignments)

    def basic_facts(self) -> list[tuple[str, str]]:
        """The form's first block as (label, value) pairs, two to a row where they are short."""
        cadre, secondment = self.cadre, self.secondment
        field = Cadre._meta.get_field
        education = cadre.get_education_display()
        if cadre.degree:
            education = (
                f"{education}（{cadre.get_degree_display()}）" if education else cadre.get_degree_display()
            )
        level = cadre.get_leadership_level_display() or cadre.get_grade_display()
        return [
            (str(field("name").verbose_name), cadre.name),
            (str(field("gender").verbose_name), cadre.get_gender_display()),
            (str(field("birth_date").verbose_name), cadre.birth_date.strftime("%Y.%m")),
            (str(field("ethnicity").verbose_name), cadre.get_ethnicity_display()),
            (str(field("birthplace").verbose_name), cadre.birthplace),
            (str(field("political_status").verbose_name), cadre.get_political_status_display()),
            (_("Education and degree"), education),
            (_("Leadership level or grade"), level),
            (str(Secondment._meta.get_field("sending_unit").verbose_name), secondment.sending_unit.name),
            (str(Secondment._meta.get_field("batch").verbose_name), secondment.batch),
            (
                _("Term"),
                f"{secondment.term_start:%Y.%m.%d}—{(secondment.actual_end or secondment.term_end):%Y.%m.%d}",
            ),
            (
                str(Secondment._meta.get_field("appointment_document").verbose_name),
                secondment.appointment_document,
            ),
        ]

    def attendance_text(self) -> str:
        record = self.attendance
        leave = "、".join(
            _("%(kind)s %(days)d days") % {"kind": label, "days": days} for label, days in record.leave_rows
        )
        text = _("%(start)s to %(end)s, %(days)d days: %(in_post)d days in post, %(away)d days away") % {
            "start": record.start.strftime("%Y.%m.%d"),
            "end": record.end.strftime("%Y.%m.%d"),
            "days": record.days,
            "in_post": record.days_in_post,
            "away": record.days_away,
        }
        if leave:
            text += _("; leave: %(leave)s") % {"leave": leave}
        if record.late_return_days:
            text += _("; %(days)d days late back from leave") % {"days": record.late_return_days}
        return text

    def wide_facts(self) -> list[tuple[str, str]]:
        """The rows that take the whole width of the form."""
        return [
            (_("Home unit and position"), f"{self.cadre.home_unit.name}{self.cadre.home_position}"),
            (_("Receiving unit and title held"), self.posts_text),
        ]


def review_sheet(review: TermReview) -> ReviewSheet:
    secondment = review.secondment
    return ReviewSheet(
        review=review,
        secondment=secondment,
        cadre=secondment.cadre,
        assignments=list(secondment.assignments.select_related("post__unit").order_by("start_date", "id")),
        attendance=review_attendance(review),
        appraisal=review.appraisal,
    )


@dataclass
class HomeQueue:
    count: int
    rows: list[Appraisal]


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
    return HomeQueue(count=queue.count(), rows=[rows[pk] for pk in first])
