"""What the system watches: neglect made visible on the day it starts (the dashboard, the reminders).

Each watch is a condition over secondments. ``dashboard`` (the home page) and
``watch_counts`` each run one aggregate query over the secondments a user may
see, whatever their number: the conditions use columns of the secondment (the
date of the last talk is one, kept by ``record_talk``; together they are one
index) and ``IN (subquery)`` over follow-ups and leave (read through partial
indexes), which the database evaluates once per query rather than once per row.
``watch_queryset`` gives the secondments behind one watch, with the date that
explains it, for the lists the counts link to and for the reminders. The watch
over appraisals reads the evaluations app like the others read secondments.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, DateField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.choices import (
    IN_COUNTY_STATUSES,
    SERVING_STATUSES,
    LeaveStatus,
    SecondmentStatus,
)
from assignments.models import Leave, Secondment, Talk
from assignments.permissions import decidable_leave
from assignments.selectors import seats_waiting_past_term_start, secondments_visible_to
from cadres.choices import MembershipRole
from evaluations.selectors import overdue_appraisals, unacknowledged_letters
from guazhi.access import is_org_staff, member_unit_ids

from .living_watch import living_conditions, living_shifts, living_watches
from .radar_watches import KEYS as RADAR_KEYS
from .radar_watches import radar_conditions, radar_date, radar_shifts, radar_watches
from .watch_base import DANGER, INFO, WARNING, Watch, _ago, _days

S = SecondmentStatus


def ending_windows() -> list[int]:
    """The 'term ends within N days' windows, widest first (GUAZHI_TERM_ENDING_SOON_DAYS)."""
    return sorted({int(days) for days in settings.GUAZHI["TERM_ENDING_SOON_DAYS"]}, reverse=True)


def watches() -> list[Watch]:
    """Every watch, labelled in the active language with the thresholds of the settings."""
    items = [
        Watch(
            "waiting",
            _("Waiting for a post over %(days)d days") % {"days": _days("WAITING_FOR_POST_DAYS")},
            _("Reported and still without a post: people are being wasted (资源浪费)."),
            _("reported for duty on"),
            _("Days waited"),
            DANGER,
            neglect=True,
            unplaced=True,
            remedy=_("Place them in a fitting post: their suggested posts or the placement plan show where."),
        ),
        Watch(
            "no_talk",
            _("No talk in %(days)d days") % {"days": _days("NO_TALK_DAYS")},
            _("Nobody has talked with these cadres lately (两不管). Record a talk to clear it."),
            _("Last talk, or reporting"),
            _("Days without a talk"),
            DANGER,
            neglect=True,
            remedy=_("Talk with each of them, and record the talk."),
        ),
        Watch(
            "no_mentor",
            _("No mentor %(days)d days after reporting") % {"days": _days("MENTOR_DUE_DAYS")},
            _("In post without a mentor (帮带领导) past the due date."),
            _("Mentor due by"),
            _("Days overdue"),
            DANGER,
            neglect=True,
            remedy=_("Name a mentor for each of them."),
        ),
        Watch(
            "no_plan",
            _("No training plan %(days)d days after reporting") % {"days": _days("TRAINING_PLAN_DUE_DAYS")},
            _("In post without a training plan (培养计划) past the due date."),
            _("Plan due by"),
            _("Days overdue"),
            DANGER,
            neglect=True,
            remedy=_("Draw up and file a training plan for each of them."),
        ),
        Watch(
            "follow_up",
            _("Overdue follow-ups"),
            _("Talks whose follow-up has passed its due date without being done."),
            _("Follow-up due"),
            _("Days overdue"),
            DANGER,
            neglect=True,
            remedy=_("Follow up what the talks raised, and mark it done."),
        ),
        Watch(
            "leave_not_back",
            _("Leave not reported back"),
            _("Approved leave is over and the cadre has not reported back (超期未销假)."),
            _("Due back on"),
            _("Days overdue"),
            DANGER,
            neglect=True,
            remedy=_("Have them report back from leave, with their receiving units."),
        ),
        Watch(
            "past_end",
            _("Past the term end without a review"),
            _("Still in post after the planned end: start the end-of-term review or extend the term."),
            _("planned term end"),
            _("Days past the end"),
            DANGER,
            neglect=True,
            remedy=_("Start their end-of-term reviews, or extend their terms."),
        ),
    ]
    items += living_watches()
    items.append(
        Watch(
            "appraisal_overdue",
            _("Appraisals past their due date"),
            _(
                "Appraisals the receiving unit has not filed by the round's due date; its leaders file them "
                "from their home page."
            ),
            _("Appraisal due by"),
            _("Days overdue"),
            DANGER,
            neglect=True,
            remedy=_("Have the receiving units file the appraisals."),
        )
    )
    items.extend(radar_watches())
    items.append(
        Watch(
            "letter_unacknowledged",
            _("Feedback letters unconfirmed over %(days)d days") % {"days": _days("FEEDBACK_RECEIPT_DAYS")},
            _(
                "The sending unit has not confirmed receipt (回执) of the feedback letter; its liaison "
                "confirms it on the review page."
            ),
            _("Fed back on"),
            _("Days waiting"),
            WARNING,
            neglect=False,
            remedy=_("Ask the sending units to confirm receipt of the feedback letters."),
        )
    )
    items.append(
        Watch(
            "seat_not_taken",
            _("Reserved seats not taken by the term start"),
            _("Accepted nominees who have not reported by the term start: ask their units, or withdraw."),
            _("term start"),
            _("Days overdue"),
            WARNING,
            neglect=True,
            unplaced=True,
        )
    )
    for days in ending_windows():
        items.append(
            Watch(
                f"ending_{days}",
                _("Terms ending within %(days)d days") % {"days": days},
                _("Prepare the end-of-term review and tell the sending unit."),
                _("planned term end"),
                _("Days left"),
                WARNING if days <= 30 else INFO,
                neglect=False,
                days_until=True,
                remedy=_("Prepare their end-of-term reviews, and tell the sending units."),
            )
        )
    items.append(
        Watch(
            "leave_pending",
            _("Leave awaiting a decision"),
            _("Leave requests that you can approve or refuse, or whose outside decision you can record."),
            _("Leave from"),
            _("Days until it starts"),
            INFO,
            neglect=False,
            days_until=True,
            personal=True,
        )
    )
    return items


def sees_unplaced_cadres(user) -> bool:
    """Staff and sending-unit liaisons see cadres before they are placed; a receiving unit's leader
    sees a cadre only once placed in the unit."""
    return is_org_staff(user) or bool(member_unit_ids(user, MembershipRole.LIAISON))


def watches_for(user) -> list[Watch]:
    """The watches that can hold a cadre the user sees (a leader has none waiting for a post)."""
    return [watch for watch in watches() if sees_unplaced_cadres(user) or not watch.unplaced]


def get_watch(key: str) -> Watch | None:
    return next((watch for watch in watches() if watch.key == key), None)


def _overdue_leave(today: datetime.date) -> QuerySet[Leave]:
    # The day after the leave is the day to report back; from the day after that it is overdue.
    return Leave.objects.filter(
        status=LeaveStatus.APPROVED, reported_back_on__isnull=True, end_date__lt=_ago(today, 1)
    )


def _overdue_follow_ups(today: datetime.date) -> QuerySet[Talk]:
    return Talk.objects.filter(follow_up_due__lt=today, follow_up_done_on__isnull=True).exclude(follow_up="")


def _pending_leave(user) -> QuerySet[Leave]:
    return Leave.objects.filter(decidable_leave(user), status=LeaveStatus.REQUESTED)


def conditions(user, today: datetime.date) -> dict[str, Q]:
    """Each watch's condition over Secondment, on the given day."""
    since = _ago(today, _days("NO_TALK_DAYS"))
    result = {
        "waiting": Q(status=S.AWAITING_POST, reported_on__lt=_ago(today, _days("WAITING_FOR_POST_DAYS"))),
        "no_talk": Q(status__in=IN_COUNTY_STATUSES, reported_on__lt=since)
        & (Q(last_talk_on__isnull=True) | Q(last_talk_on__lt=since)),
        "no_mentor": Q(
            status__in=SERVING_STATUSES, mentor="", reported_on__lt=_ago(today, _days("MENTOR_DUE_DAYS"))
        ),
        "no_plan": Q(
            status__in=SERVING_STATUSES,
            training_plan_filed_on__isnull=True,
            reported_on__lt=_ago(today, _days("TRAINING_PLAN_DUE_DAYS")),
        ),
        "follow_up": Q(
            status__in=IN_COUNTY_STATUSES, pk__in=_overdue_follow_ups(today).values("secondment_id")
        ),
        "leave_not_back": Q(
            status__in=IN_COUNTY_STATUSES, pk__in=_overdue_leave(today).values("secondment_id")
        ),
        "past_end": Q(status=S.IN_POST, term_end__lt=today),
        "leave_pending": Q(
            status__in=IN_COUNTY_STATUSES, pk__in=_pending_leave(user).values("secondment_id")
        ),
    }
    result.update(living_conditions(today))
    result["appraisal_overdue"] = Q(
        status__in=IN_COUNTY_STATUSES, pk__in=overdue_appraisals(today).values("secondment_id")
    )
    # The only watch that outlasts the term: a letter sent at the end may still wait once it is archived.
    result["letter_unacknowledged"] = Q(
        pk__in=unacknowledged_letters(_ago(today, _days("FEEDBACK_RECEIPT_DAYS"))).values("secondment_id")
    )
    result.update(radar_conditions(today))
    result["seat_not_taken"] = seats_waiting_past_term_start(today)
    for days in ending_windows():
        result[f"ending_{days}"] = Q(
            status__in=SERVING_STATUSES,
            term_end__gte=today,
            term_end__lte=today + datetime.timedelta(days=days),
        )
    return result


def watched(found: dict[str, Q]) -> Q:
    """The secondments a count reads: those in the county, and those whose feedback letter waits."""
    return Q(status__in=IN_COUNTY_STATUSES) | found["letter_unacknowledged"] | found["seat_not_taken"]


@dataclass
class WatchCount:
    watch: Watch
    count: int


def watch_counts(user, today: datetime.date | None = None) -> list[WatchCount]:
    """How many of the user's visible secondments each watch holds: one aggregate query."""
    today = today or timezone.localdate()
    found = conditions(user, today)
    # Every watch is about cadres in the county: the filter lets the database read the watch index alone.
    totals = (
        secondments_visible_to(user)
        .filter(watched(found))
        .aggregate(**{key: Count("pk", filter=condition) for key, condition in found.items()})
    )
    return [WatchCount(watch, totals[watch.key] or 0) for watch in watches()]


def _first(queryset: QuerySet, column: str) -> Subquery:
    return Subquery(
        queryset.filter(secondment=OuterRef("pk")).order_by(column).values(column)[:1],
        output_field=DateField(),
    )


def watch_queryset(user, key: str, today: datetime.date | None = None) -> QuerySet[Secondment]:
    """The visible secondments behind one watch, each with ``watch_date``, the date that explains it."""
    today = today or timezone.localdate()
    found = conditions(user, today)
    if key == "appraisal_overdue":
        date = _first(overdue_appraisals(today), "due_date")
    elif key == "no_talk":
        date = Coalesce(F("last_talk_on"), F("reported_on"), output_field=DateField())
    elif key == "follow_up":
        date = _first(_overdue_follow_ups(today), "follow_up_due")
    elif key == "leave_not_back":
        date = _first(_overdue_leave(today), "end_date")
    elif key == "leave_pending":
        date = _first(_pending_leave(user), "start_date")
    elif key == "letter_unacknowledged":
        date = _first(unacknowledged_letters(_ago(today, _days("FEEDBACK_RECEIPT_DAYS"))), "fed_back_on")
    elif key in RADAR_KEYS:
        date = radar_date(key, today)
    elif key == "seat_not_taken":
        date = F("term_start")
    elif key == "past_end" or key.startswith("ending_"):
        date = F("term_end")
    else:
        date = F("reported_on")
    return (
        secondments_visible_to(user)
        .filter(found[key])
        .select_related("cadre", "sending_unit", "current_unit")
        .annotate(watch_date=date)
        .order_by("watch_date", "cadre__name_pinyin", "id")
    )


@dataclass
class WatchRow:
    secondment: Secondment
    date: datetime.date | None
    days: int | None


def shown_date(watch: Watch, raw: datetime.date | None) -> datetime.date | None:
    """The date a list shows for a watch: due dates are the raw date plus the allowance."""
    if raw is None:
        return None
    shift = {
        "no_mentor": _days("MENTOR_DUE_DAYS"),
        "no_plan": _days("TRAINING_PLAN_DUE_DAYS"),
        "leave_not_back": 1,
        **living_shifts(),
        **radar_shifts(),
    }.get(watch.key, 0)
    return raw + datetime.timedelta(days=shift)


def watch_rows(watch: Watch, secondments, today: datetime.date | None = None) -> list[WatchRow]:
    """Rows for a page of a watch's list: the secondment, the date shown and the days since (or until) it."""
    today = today or timezone.localdate()
    rows = []
    for secondment in secondments:
        date = shown_date(watch, secondment.watch_date)
        days = None
        if date is not None:
            days = (date - today).days if watch.days_until else (today - date).days
        rows.append(WatchRow(secondment, date, days))
    return rows


def watch_flags(user, secondment: Secondment, today: datetime.date | None = None) -> list[Watch]:
    """The watches one secondment is in, by the dashboard's own conditions: one query."""
    today = today or timezone.localdate()
    found = conditions(user, today)
    hits = Secondment.objects.filter(pk=secondment.pk).aggregate(
        **{key: Count("pk", filter=condition) for key, condition in found.items()}
    )
    return [watch for watch in watches() if hits[watch.key]]
