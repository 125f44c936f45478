"""Who sees which work record and project, and who may file or comment."""

import datetime

from django.db.models import QuerySet
from django.utils import formats, timezone

from assignments.choices import IN_COUNTY_STATUSES
from assignments.models import Secondment
from assignments.selectors import is_leader_of_current_unit, is_own_secondment, secondments_visible_to
from guazhi.access import is_org_staff

from .models import MonthlyRecord, Project


def records_visible_to(user) -> QuerySet[MonthlyRecord]:
    """Whoever sees the secondment reads its monthly records: staff, the current unit's leaders, the
    sending unit's liaisons (who follow their cadre), and the cadre with their own login."""
    return MonthlyRecord.objects.filter(secondment__in=secondments_visible_to(user))


def projects_visible_to(user) -> QuerySet[Project]:
    """The projects of the secondments the user sees."""
    return Project.objects.filter(secondment__in=secondments_visible_to(user))


def may_file(user, secondment: Secondment) -> bool:
    """The cadre files their own; staff file on the cadre's behalf (代为录入); while in the county."""
    in_county = secondment.status in IN_COUNTY_STATUSES
    return in_county and (is_org_staff(user) or is_own_secondment(user, secondment))


def may_comment(user, secondment: Secondment) -> bool:
    """The current unit's leaders comment (审阅意见); staff record the mentor's comment for them."""
    return is_org_staff(user) or is_leader_of_current_unit(user, secondment)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_to_file(secondment: Secondment) -> list[datetime.date]:
    """The months of the term up to this one, newest first: those a record can be about."""
    today = timezone.localdate()
    start = first_of_month(secondment.in_county_from or secondment.term_start)
    end = first_of_month(min(today, secondment.actual_end or secondment.term_end))
    months, month = [], end
    while month >= start:
        months.append(month)
        month = first_of_month(month - datetime.timedelta(days=1))
    return months


def month_label(month: datetime.date) -> str:
    """A month the way the active language writes it: 2026年6月."""
    return formats.date_format(month, "YEAR_MONTH_FORMAT")
