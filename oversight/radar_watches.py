"""The role-deviation radar (角色偏离) as watches: 纪实逾期, 有名无实, 审阅缺位 and 离岗偏多.

The conditions are the worklog radar's (``worklog.radar``); here they get their labels, the date
that explains each cadre in a list, and the figures of the county report's JSON. They are neglects:
a receiving unit's open items, columns of the dashboard's per-unit table, items of the reminders.
"""

import datetime

from django.db.models import Count, DateField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from assignments.models import Secondment
from worklog import radar

from .watch_base import WARNING, Watch, _days

KEYS = radar.KEYS


def radar_watches() -> list[Watch]:
    """The four radar watches, labelled with the thresholds of the settings."""
    return [
        Watch(
            radar.RECORD_OVERDUE,
            _("Monthly record not filed by day %(day)d") % {"day": _days("WORKLOG_DUE_DAY")},
            _(
                "In post, and last month's work record (工作纪实) has not come by its due day: the cadre "
                "files it on their page, or staff file it on their behalf."
            ),
            _("Record due by"),
            _("Days overdue"),
            WARNING,
            neglect=True,
            remedy=_("Have them file their monthly work records on time, and check them each month."),
        ),
        Watch(
            radar.NOMINAL_POST,
            _("In post %(days)d days with no duties or project") % {"days": _days("NOMINAL_POST_DAYS")},
            _(
                "The post carries no recorded duties (分管工作), or the cadre leads or carries no project: "
                "a title without the work (有名无实)."
            ),
            _("Nominal since"),
            _("Days nominal"),
            WARNING,
            neglect=True,
            remedy=_(
                "Give each of them duties in their post and a project to lead or carry, and record both."
            ),
        ),
        Watch(
            radar.UNREVIEWED,
            _("Records without a comment over %(days)d days") % {"days": _days("RECORD_REVIEW_DAYS")},
            _(
                "Monthly work records the receiving unit has left without a comment (审阅意见): its "
                "leaders comment on the record's page."
            ),
            _("Comment due by"),
            _("Days overdue"),
            WARNING,
            neglect=True,
            remedy=_("Have the receiving units read and comment on their cadres' monthly records."),
        ),
        Watch(
            radar.AWAY_OFTEN,
            _("Away over %(share)d%% of their days") % {"share": round(100 * float(_days("AWAY_SHARE")))},
            _(
                "Approved leave passes the share of the days since reporting for duty (过客): talk with "
                "the cadre and their units."
            ),
            _("reported for duty on"),
            _("Days in the county"),
            WARNING,
            neglect=True,
            remedy=_("Talk with each of them about their time in the county, and keep leave within bounds."),
        ),
    ]


def radar_conditions(today: datetime.date) -> dict[str, Q]:
    return radar.conditions(today)


def _first(queryset, column: str) -> Subquery:
    return Subquery(
        queryset.filter(secondment=OuterRef("pk")).order_by(column).values(column)[:1],
        output_field=DateField(),
    )


def radar_date(key: str, today: datetime.date):
    """The raw date of a radar watch's list (``radar_shifts`` adds the allowance where it is a due date)."""
    if key == radar.RECORD_OVERDUE:
        return Value(radar.falls_due_on(radar.month_due(today)), output_field=DateField())
    if key == radar.NOMINAL_POST:
        return _first(radar.nominal_assignments(today), "start_date")
    if key == radar.UNREVIEWED:
        return _first(radar.uncommented_records(today).annotate(filed_on=TruncDate("filed_at")), "filed_on")
    return F("reported_on")


def radar_shifts() -> dict[str, int]:
    """Days from the raw date to the date shown: the assignment turns nominal, the comment falls due."""
    return {radar.NOMINAL_POST: _days("NOMINAL_POST_DAYS"), radar.UNREVIEWED: _days("RECORD_REVIEW_DAYS")}


def role_deviation(summary) -> dict[str, int]:
    """The radar's counts for the county report's JSON: the summary's own watch counts over what its
    user sees, or, for the operator on the server (who has none), over every secondment."""
    counts = {item.watch.key: item.count for item in summary.watch_counts if item.watch.key in KEYS}
    if counts:
        return {key: counts.get(key, 0) for key in KEYS}
    found = radar.conditions(summary.today)
    totals = Secondment.objects.aggregate(**{key: Count("pk", filter=found[key]) for key in KEYS})
    return {key: totals[key] or 0 for key in KEYS}
