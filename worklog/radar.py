"""角色偏离: the four signals that show a cadre kept a 过客 or 有名无实, as conditions over secondments.

The county cannot see role deviation directly, only what the cadre does: whether the monthly record
comes (纪实逾期), whether the post carries real work (有名无实: no 分管工作, or no project led or
carried), whether the receiving unit reads what the cadre writes (审阅缺位), and how much of the
term is spent away (离岗偏多). Each is one condition over ``Secondment`` evaluated in SQL, so the
dashboard counts them in its one query; the appraisal form asks them of one secondment. The
thresholds are settings (GUAZHI_WORKLOG_DUE_DAY, GUAZHI_NOMINAL_POST_DAYS, GUAZHI_RECORD_REVIEW_DAYS,
GUAZHI_AWAY_SHARE, GUAZHI_AWAY_MIN_DAYS).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, Sum, Value
from django.utils import timezone

from assignments.choices import IN_COUNTY_STATUSES, SERVING_STATUSES, LeaveStatus, SecondmentStatus
from assignments.models import Assignment, Leave, Secondment
from guazhi.sql import DayNumber

from .choices import ProjectRole
from .models import MonthlyRecord, Project
from .selectors import first_of_month

RECORD_OVERDUE = "record_overdue"
NOMINAL_POST = "nominal_post"
UNREVIEWED = "unreviewed"
AWAY_OFTEN = "away_often"
KEYS = (RECORD_OVERDUE, NOMINAL_POST, UNREVIEWED, AWAY_OFTEN)

# The roles that make a project real work for the cadre (主持/承担重大项目); taking part does not.
LEADING_ROLES = (ProjectRole.LEADS, ProjectRole.CARRIES)


def setting(name: str):
    return settings.GUAZHI[name]


def month_due(today: datetime.date) -> datetime.date:
    """The latest month whose record is due: last month once its due day (the 10th) has passed,
    else the month before it (whose record fell due on the 10th of last month)."""
    month = first_of_month(today) - datetime.timedelta(days=1)
    if today.day <= setting("WORKLOG_DUE_DAY"):
        month = first_of_month(month) - datetime.timedelta(days=1)
    return first_of_month(month)


def _next_month(month: datetime.date) -> datetime.date:
    return first_of_month(month + datetime.timedelta(days=31))


def falls_due_on(month: datetime.date) -> datetime.date:
    """The day a month's record falls due: the due day of the month after (its last day at most)."""
    following = _next_month(month)
    last = (_next_month(following) - datetime.timedelta(days=1)).day
    return following.replace(day=min(setting("WORKLOG_DUE_DAY"), last))


def leading_projects() -> Q:
    return Q(role__in=LEADING_ROLES)


def _review_cutoff(today: datetime.date) -> datetime.datetime:
    """Records filed before the start of this day have waited the review period without a comment."""
    day = today - datetime.timedelta(days=setting("RECORD_REVIEW_DAYS"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def uncommented_records(today: datetime.date):
    """Records filed over the review period ago that still wait for a comment."""
    return MonthlyRecord.objects.filter(comment="", filed_at__lt=_review_cutoff(today))


def _days_in_county(today: datetime.date, reported_on: str = "reported_on"):
    """Days from reporting up to today, both counted, as an SQL expression."""
    return Value((today - datetime.date(2000, 1, 1)).days + 1) - DayNumber(reported_on)


def _away_often(today: datetime.date):
    """Secondments whose approved leave, begun by today, passes the share of their days in the county.
    Read from the leave (a few thousand rows), grouped by secondment, rather than from every term."""
    share = float(setting("AWAY_SHARE"))
    least = today - datetime.timedelta(days=setting("AWAY_MIN_DAYS"))
    return (
        Leave.objects.filter(
            status=LeaveStatus.APPROVED,
            start_date__lte=today,
            secondment__status__in=IN_COUNTY_STATUSES,
            secondment__reported_on__lte=least,
        )
        .values("secondment_id", "secondment__reported_on")
        .annotate(away=Sum("days"))
        .filter(away__gt=Value(share) * _days_in_county(today, "secondment__reported_on"))
        .values("secondment_id")
    )


def nominal_assignments(today: datetime.date):
    """Open assignments held the nominal period that carry no duties, or whose cadre leads or carries
    no project."""
    in_post_since = today - datetime.timedelta(days=setting("NOMINAL_POST_DAYS"))
    return Assignment.objects.filter(end_date__isnull=True, start_date__lte=in_post_since).filter(
        Q(duties="")
        | ~Q(secondment_id__in=Project.objects.filter(leading_projects()).values("secondment_id"))
    )


def conditions(today: datetime.date) -> dict[str, Q]:
    """Each signal's condition over Secondment on the given day."""
    due = month_due(today)
    return {
        RECORD_OVERDUE: Q(
            status__in=SERVING_STATUSES,
            reported_on__lt=_next_month(due),
        )
        & ~Q(pk__in=MonthlyRecord.objects.filter(month=due).values("secondment_id")),
        NOMINAL_POST: Q(
            status=SecondmentStatus.IN_POST, pk__in=nominal_assignments(today).values("secondment_id")
        ),
        UNREVIEWED: Q(
            status__in=IN_COUNTY_STATUSES, pk__in=uncommented_records(today).values("secondment_id")
        ),
        AWAY_OFTEN: Q(pk__in=_away_often(today)),
    }


@dataclass
class Signals:
    """What the radar says of one secondment on a day, with the figures behind it."""

    flags: dict[str, bool]
    month_due: datetime.date
    uncommented: int
    leave_days: int
    days_in_county: int

    @property
    def raised(self) -> list[str]:
        return [key for key in KEYS if self.flags[key]]

    @property
    def leave_share(self) -> float | None:
        return self.leave_days / self.days_in_county if self.days_in_county > 0 else None


def signals(secondment: Secondment, today: datetime.date | None = None) -> Signals:
    """The four signals for one secondment, by the dashboard's own conditions: three queries."""
    today = today or timezone.localdate()
    hits = Secondment.objects.filter(pk=secondment.pk).aggregate(
        **{key: Count("pk", filter=condition) for key, condition in conditions(today).items()}
    )
    uncommented = uncommented_records(today).filter(secondment=secondment).count()
    leave_days = Leave.objects.filter(
        secondment=secondment, status=LeaveStatus.APPROVED, start_date__lte=today
    ).aggregate(days=Sum("days"))["days"]
    reported = secondment.reported_on
    return Signals(
        flags={key: bool(hits[key]) for key in KEYS},
        month_due=month_due(today),
        uncommented=uncommented,
        leave_days=leave_days or 0,
        days_in_county=(today - reported).days + 1 if reported else 0,
    )
