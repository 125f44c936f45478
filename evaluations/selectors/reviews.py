"""The end-of-term review's reads: its steps, the attendance it keeps, and the 挂职干部鉴定表."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from assignments.models import Assignment, ChecklistEntry, Secondment
from assignments.selectors import Attendance, attendance, attendances
from cadres.models import Cadre
from guazhi.dates import long_date

from ..choices import (
    AppraisalStatus,
    ReviewStatus,
)
from ..models import Appraisal, AppraisalRound, ExitChecklistEntry, TermReview

A = AppraisalStatus
R = ReviewStatus


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
    return _archived_attendance(review) or attendance(review.secondment)


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
                f"{long_date(secondment.term_start)}—{long_date(secondment.actual_end or secondment.term_end)}",
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
            "start": long_date(record.start),
            "end": long_date(record.end),
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


def _archived_attendance(review: TermReview) -> Attendance | None:
    snapshot = review.attendance_snapshot
    if not (review.is_archived and snapshot):
        return None
    return Attendance(
        start=datetime.date.fromisoformat(snapshot["start"]),
        end=datetime.date.fromisoformat(snapshot["end"]),
        days=snapshot["days"],
        # Days in post are what the days away leave of the period (older snapshots counted placements).
        days_in_post=max(0, snapshot["days"] - snapshot["days_away"]),
        leave_days_by_kind=snapshot["leave_days_by_kind"],
        days_away=snapshot["days_away"],
        late_return_days=snapshot["late_return_days"],
        is_over=True,
    )


SHEET_RELATIONS = (
    "secondment__cadre__home_unit",
    "secondment__sending_unit",
    "secondment__current_unit",
    "appraisal__unit",
    "appraisal__round",
    "appraisal__filed_by",
)


def reviews_for_forms(user, *, appraisal_round: AppraisalRound | None = None, batch: str = "") -> QuerySet:
    """The reviews whose 鉴定表 print together: those of a round's end-of-term appraisals, or of a
    batch, among the reviews the user sees; by name."""
    from . import reviews_visible_to

    reviews = reviews_visible_to(user)
    if appraisal_round is not None:
        reviews = reviews.filter(appraisal__round=appraisal_round)
    if batch:
        reviews = reviews.filter(secondment__batch=batch)
    return reviews.select_related(*SHEET_RELATIONS).order_by("secondment__cadre__name_pinyin", "pk")


def review_batches(user) -> list[str]:
    """The batches of the reviews the user sees, newest name first: the choices for printing a batch."""
    from . import reviews_visible_to

    batches = (
        reviews_visible_to(user).exclude(secondment__batch="").values_list("secondment__batch", flat=True)
    )
    return sorted(set(batches), reverse=True)


def review_sheets(reviews) -> list[ReviewSheet]:
    """The 鉴定表 of several reviews, read in a fixed number of queries whatever their number."""
    reviews = list(reviews)
    secondments = [review.secondment for review in reviews]
    held: dict[int, list[Assignment]] = {s.pk: [] for s in secondments}
    for assignment in (
        Assignment.objects.filter(secondment__in=held)
        .select_related("post__unit")
        .order_by("start_date", "id")
    ):
        held[assignment.secondment_id].append(assignment)
    live = attendances([r.secondment for r in reviews if _archived_attendance(r) is None])
    return [
        ReviewSheet(
            review=review,
            secondment=review.secondment,
            cadre=review.secondment.cadre,
            assignments=held[review.secondment_id],
            attendance=_archived_attendance(review) or live[review.secondment_id],
            appraisal=review.appraisal,
        )
        for review in reviews
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


def open_steps(review: TermReview) -> list[str]:
    """The intake and exit steps of the review's secondment not done yet, by name (two queries)."""
    intake = ChecklistEntry.objects.filter(secondment=review.secondment_id, done_on__isnull=True)
    leaving = ExitChecklistEntry.objects.filter(review=review, done_on__isnull=True)
    return [
        *intake.order_by("item__order", "item_id").values_list("item__name", flat=True),
        *leaving.order_by("item__order", "item_id").values_list("item__name", flat=True),
    ]
