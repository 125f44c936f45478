"""The round page's reads: progress per receiving unit, the grades, and its appraisals in page order."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import (
    TO_FILE,
    AppraisalStatus,
    Grade,
    RoundKind,
    grade_choices,
    grades_for,
)
from ..models import Appraisal, AppraisalRound

A = AppraisalStatus


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
    # The top grade (优秀 in an annual round, 好 in a routine one), its count, share and usual cap
    # (none for the kinds the warning does not apply to).
    excellent: int = 0
    excellent_share: float = 0.0
    excellent_limit: float | None = 0.0
    top_grade: str = ""

    @property
    def too_many_excellent(self) -> bool:
        return (
            self.excellent_limit is not None
            and self.confirmed > 0
            and self.excellent_share > self.excellent_limit
        )

    @property
    def excellent_percent(self) -> int:
        return round(self.excellent_share * 100)

    @property
    def limit_percent(self) -> int:
        return round((self.excellent_limit or 0) * 100)


def _top_grade_limit(kind: str) -> float | None:
    """The usual cap on the top grade's share: 优秀 in an annual round, 好 in a routine one (settings)."""
    if kind == RoundKind.ANNUAL:
        return settings.GUAZHI["EXCELLENT_SHARE_WARNING"]
    if kind == RoundKind.ROUTINE:
        return settings.GUAZHI["GOOD_SHARE_WARNING"]
    return None


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
        for value, label in grade_choices(appraisal_round.kind)
    ]
    top = grades_for(appraisal_round.kind)[0]
    excellent = counts.get(top, 0)
    return RoundSummary(
        progress=progress,
        totals=totals,
        grades=grades,
        confirmed=confirmed,
        excellent=excellent,
        excellent_share=excellent / confirmed if confirmed else 0.0,
        excellent_limit=_top_grade_limit(appraisal_round.kind),
        top_grade=str(Grade(top).label),
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


def round_unit_ids(*, kind: str, receiving_unit=None, sending_unit=None, batch: str = "") -> QuerySet:
    """The receiving units a new round of ``kind`` over a subset would send appraisals to (as a
    subquery of ids), for the warning about units with no leader."""
    from assignments.choices import SERVING_STATUSES, SecondmentStatus
    from assignments.models import Secondment

    from ..choices import RoundKind

    statuses = (SecondmentStatus.UNDER_REVIEW,) if kind == RoundKind.TERM_END else SERVING_STATUSES
    found = Secondment.objects.filter(status__in=statuses, current_unit__isnull=False)
    if receiving_unit is not None:
        found = found.filter(current_unit=receiving_unit)
    if sending_unit is not None:
        found = found.filter(sending_unit=sending_unit)
    if batch:
        found = found.filter(batch=batch)
    return found.values("current_unit_id")
