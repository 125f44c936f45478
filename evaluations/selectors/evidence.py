"""The evidence beside an appraisal's rating fields (严格挂职考评): the monthly records of the period,
the term's projects and the role-deviation signals, so the rater rates what the cadre did."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assignments.models import Assignment
from assignments.selectors import secondments_visible_to
from worklog import radar
from worklog.models import MonthlyRecord, Project
from worklog.selectors import first_of_month, month_label, projects_visible_to, records_visible_to

from ..choices import RoundKind
from ..models import Appraisal

SIGNAL_LABELS = {
    radar.RECORD_OVERDUE: gettext_lazy("Record overdue (纪实逾期)"),
    radar.NOMINAL_POST: gettext_lazy("Post in name only (有名无实)"),
    radar.UNREVIEWED: gettext_lazy("Records left unread (审阅缺位)"),
    radar.AWAY_OFTEN: gettext_lazy("Often away (离岗偏多)"),
}


@dataclass
class MonthRow:
    """A month of the period: its record, or None when the record is missing (缺报)."""

    month: datetime.date
    record: MonthlyRecord | None


@dataclass
class SignalRow:
    key: str
    label: str
    raised: bool
    figure: str


@dataclass
class Evidence:
    start: datetime.date
    end: datetime.date
    months: list[MonthRow]
    projects: list[Project]
    signals: list[SignalRow]

    @property
    def missing(self) -> list[datetime.date]:
        return [row.month for row in self.months if row.record is None]

    @property
    def raised(self) -> int:
        return sum(row.raised for row in self.signals)


def appraisal_period(appraisal: Appraisal, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The days the appraisal looks back on, within the cadre's time in the county up to today: the
    round's period for a routine or annual appraisal (日常), the whole term for the end-of-term one."""
    secondment = appraisal.secondment
    start = secondment.in_county_from
    end = min(secondment.actual_end or secondment.term_end, today)
    if appraisal.round_id and appraisal.kind != RoundKind.TERM_END:
        start = max(start, appraisal.round.period_start)
        end = min(end, appraisal.round.period_end)
    return start, end


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first days of the months from start's to end's, newest first (as the work record lists them)."""
    months, month = [], first_of_month(end)
    while month >= first_of_month(start):
        months.append(month)
        month = first_of_month(month - datetime.timedelta(days=1))
    return months


def _percent(share: float) -> str:
    return f"{formats.number_format(share * 100, decimal_pos=0)}%"


def _signal_rows(found: radar.Signals, projects: list[Project], duties: str | None) -> list[SignalRow]:
    due = month_label(found.month_due)
    leading = sum(project.role in radar.LEADING_ROLES for project in projects)
    if found.flags[radar.RECORD_OVERDUE]:
        overdue = _("The latest month due, %(month)s, is not filed") % {"month": due}
    else:
        overdue = _("The latest month due: %(month)s") % {"month": due}
    if duties is None:
        post = _("Not in a post now; %(n)s project(s) led or carried") % {"n": leading}
    elif duties.strip():
        post = _("Duties given; %(n)s project(s) led or carried") % {"n": leading}
    else:
        post = _("No duties (分管工作) given; %(n)s project(s) led or carried") % {"n": leading}
    unread = _("%(n)s record(s) without a comment after %(days)s days") % {
        "n": found.uncommented,
        "days": radar.setting("RECORD_REVIEW_DAYS"),
    }
    share = found.leave_share
    if share is None:
        away = _("Not in the county yet")
    else:
        away = _("Away %(days)s days, %(share)s of the %(total)s days in the county") % {
            "days": found.leave_days,
            "share": _percent(share),
            "total": found.days_in_county,
        }
    figures = {
        radar.RECORD_OVERDUE: overdue,
        radar.NOMINAL_POST: post,
        radar.UNREVIEWED: unread,
        radar.AWAY_OFTEN: away,
    }
    return [
        SignalRow(key=key, label=str(SIGNAL_LABELS[key]), raised=found.flags[key], figure=figures[key])
        for key in radar.KEYS
    ]


def appraisal_evidence(user, appraisal: Appraisal, today: datetime.date | None = None) -> Evidence | None:
    """What the rater sees beside the rating fields, in a fixed number of queries however many months
    and projects the term holds; None for a user who does not see the cadre's work record (the leader
    of a unit the cadre has since left), whose panel would otherwise show every month as missing."""
    today = today or timezone.localdate()
    secondment = appraisal.secondment
    if not secondments_visible_to(user).filter(pk=secondment.pk).exists():
        return None
    start, end = appraisal_period(appraisal, today)
    months = _months(start, end) if start <= end else []
    records = {}
    if months:
        records = {
            record.month: record
            for record in records_visible_to(user)
            .filter(secondment=secondment, month__range=(months[-1], months[0]))
            .select_related("commented_by")
            .prefetch_related(Prefetch("projects", queryset=Project.objects.order_by("id")))
        }
    found = radar.signals(secondment, today)
    # A month whose record is not yet due is not missing; one filed early is shown all the same.
    rows = [
        MonthRow(month=month, record=records.get(month))
        for month in months
        if month in records or month <= found.month_due
    ]
    leading_first = Case(
        When(radar.leading_projects(), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    projects = list(
        projects_visible_to(user).filter(secondment=secondment).order_by(leading_first, "started_on", "id")
    )
    duties = (
        Assignment.objects.filter(secondment=secondment, end_date__isnull=True)
        .values_list("duties", flat=True)
        .first()
    )
    return Evidence(
        start=start,
        end=end,
        months=rows,
        projects=projects,
        signals=_signal_rows(found, projects, duties),
    )
