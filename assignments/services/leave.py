"""Leave (请销假): the request, the decision of whoever holds its tier, reporting back, cancelling."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.selectors import on_behalf_of
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user, on_behalf_note

from ..choices import (
    IN_COUNTY_STATUSES,
    ApprovalTier,
    EventAction,
    LeaveStatus,
)
from ..models import (
    Leave,
    Secondment,
)
from .common import _lock, _person, _require, record_event

# Leave that still holds its days: a request waiting for a decision, or approved leave.
LIVE_LEAVE = (LeaveStatus.REQUESTED, LeaveStatus.APPROVED)


def approval_tier_for(days: int) -> str:
    """Who approves leave of this many days: the receiving unit, the county, or the sending side."""
    if days <= settings.GUAZHI["LEAVE_UNIT_MAX_DAYS"]:
        return ApprovalTier.RECEIVING_UNIT
    if days <= settings.GUAZHI["LEAVE_COUNTY_MAX_DAYS"]:
        return ApprovalTier.COUNTY
    return ApprovalTier.SENDING_SIDE


def _leave_label(leave: Leave) -> str:
    return _("%(kind)s, %(start)s to %(end)s (%(days)d days)") % {
        "kind": leave.get_kind_display(),
        "start": long_date(leave.start_date),
        "end": long_date(leave.end_date),
        "days": leave.days,
    }


def _lock_leave(leave: Leave) -> Leave:
    secondment = _lock(leave.secondment)
    leave = Leave.objects.select_for_update().get(pk=leave.pk)
    leave.secondment = secondment
    return leave


def _decided_by(leave: Leave, actor) -> str:
    """Set who decided; staff deciding the receiving unit's tier do it on the unit's behalf (代为录入).
    Returns what the timeline line ends with."""
    leave.approver = actor
    leave.approver_name = _person(actor)
    leave.decided_on = timezone.localdate()
    leave.decided_on_behalf = leave.approval_tier == ApprovalTier.RECEIVING_UNIT and on_behalf_of(
        actor, leave.secondment.current_unit_id
    )
    return on_behalf_note(actor) if leave.decided_on_behalf else ""


DECISION_FIELDS = ["approver", "approver_name", "decided_on", "decision_note", "status", "decided_on_behalf"]


def _require_leave(leave: Leave, allowed: tuple[str, ...], action: str) -> None:
    if leave.status not in allowed:
        raise TransitionError(
            _("Cannot %(action)s: this leave is %(status)s.")
            % {"action": action, "status": leave.get_status_display()}
        )


@transaction.atomic
def request_leave(
    *,
    secondment: Secondment,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date,
    actor,
    reason: str = "",
) -> Leave:
    """Record a leave request within the term; refused if it overlaps the cadre's other leave."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("request leave"))
    if end_date < start_date:
        raise TransitionError(_("Leave cannot end before it starts."))
    earliest = secondment.in_county_from
    if start_date < earliest:
        raise TransitionError(
            _("Leave cannot start before %(date)s, when the cadre reported.") % {"date": long_date(earliest)}
        )
    if end_date > secondment.term_end:
        raise TransitionError(
            _("Leave cannot run past the end of the term, %(date)s.")
            % {"date": long_date(secondment.term_end)}
        )
    clash = (
        Leave.objects.filter(
            secondment__cadre_id=secondment.cadre_id,
            status__in=LIVE_LEAVE,
            start_date__lte=end_date,
            end_date__gte=start_date,
        )
        .order_by("start_date")
        .first()
    )
    if clash is not None:
        raise TransitionError(
            _("%(name)s already has leave at that time: %(leave)s.")
            % {"name": secondment.cadre.name, "leave": _leave_label(clash)}
        )
    days = (end_date - start_date).days + 1
    leave = Leave.objects.create(
        secondment=secondment,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        days=days,
        reason=reason.strip(),
        approval_tier=approval_tier_for(days),
        status=LeaveStatus.REQUESTED,
        requested_by=acting_user(actor),
    )
    record_event(
        secondment=secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=_("Leave requested: %(leave)s; to be approved by: %(tier)s")
        % {"leave": _leave_label(leave), "tier": leave.get_approval_tier_display()},
    )
    return leave


@transaction.atomic
def approve_leave(*, leave: Leave, actor, note: str = "") -> Leave:
    """Approve a leave request in the system: the approver is the user who holds its tier."""
    leave = _lock_leave(leave)
    _require_leave(leave, (LeaveStatus.REQUESTED,), _("approve"))
    behalf = _decided_by(leave, actor)
    leave.decision_note = note.strip()
    leave.status = LeaveStatus.APPROVED
    leave.save(update_fields=DECISION_FIELDS)
    record_event(
        secondment=leave.secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=_("Leave approved: %(leave)s. %(note)s") % {"leave": _leave_label(leave), "note": note.strip()}
        + behalf,
    )
    return leave


@transaction.atomic
def reject_leave(*, leave: Leave, actor, reason: str) -> Leave:
    """Refuse a leave request; the reason is required."""
    leave = _lock_leave(leave)
    _require_leave(leave, (LeaveStatus.REQUESTED,), _("refuse"))
    if not reason.strip():
        raise TransitionError(_("Give the reason for refusing the leave."))
    behalf = _decided_by(leave, actor)
    leave.decision_note = reason.strip()
    leave.status = LeaveStatus.REJECTED
    leave.save(update_fields=DECISION_FIELDS)
    record_event(
        secondment=leave.secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=_("Leave refused: %(leave)s. %(reason)s")
        % {"leave": _leave_label(leave), "reason": reason.strip()}
        + behalf,
    )
    return leave


@transaction.atomic
def record_outside_approval(
    *,
    leave: Leave,
    approver_name: str,
    decided_on: datetime.date,
    actor,
    note: str = "",
    approved: bool = True,
) -> Leave:
    """Record the decision on a request taken outside the system (e.g. by the sending unit):
    approved by default, or refused with the reason in the note."""
    leave = _lock_leave(leave)
    _require_leave(leave, (LeaveStatus.REQUESTED,), _("record the decision"))
    if not approver_name.strip():
        raise TransitionError(_("Give the name and post of whoever decided on the leave."))
    if decided_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    if not approved and not note.strip():
        raise TransitionError(_("Give the reason for refusing the leave."))
    leave.approver = None
    leave.approver_name = approver_name.strip()
    leave.decided_on = decided_on
    leave.decision_note = note.strip()
    leave.status = LeaveStatus.APPROVED if approved else LeaveStatus.REJECTED
    leave.save(update_fields=["approver", "approver_name", "decided_on", "decision_note", "status"])
    message = (
        _("Leave approved by %(approver)s on %(date)s: %(leave)s. %(note)s")
        if approved
        else _("Leave refused by %(approver)s on %(date)s: %(leave)s. %(note)s")
    )
    record_event(
        secondment=leave.secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=message
        % {
            "approver": leave.approver_name,
            "date": long_date(decided_on),
            "leave": _leave_label(leave),
            "note": note.strip(),
        },
    )
    return leave


@transaction.atomic
def report_back(*, leave: Leave, reported_back_on: datetime.date, actor) -> Leave:
    """The cadre is back from approved leave (销假); a return after the day following the leave is late."""
    leave = _lock_leave(leave)
    _require_leave(leave, (LeaveStatus.APPROVED,), _("report back"))
    if leave.reported_back_on is not None:
        raise TransitionError(
            _("The cadre already reported back on %(date)s.") % {"date": long_date(leave.reported_back_on)}
        )
    if reported_back_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    if reported_back_on < leave.start_date:
        raise TransitionError(_("The cadre cannot report back before the leave began."))
    leave.reported_back_on = reported_back_on
    leave.save(update_fields=["reported_back_on"])
    note = _("Reported back on %(date)s from %(leave)s") % {
        "date": long_date(reported_back_on),
        "leave": _leave_label(leave),
    }
    late = (reported_back_on - leave.end_date).days - 1
    if late > 0:
        note += _("; %(days)d day(s) late") % {"days": late}
    record_event(secondment=leave.secondment, action=EventAction.LEAVE, actor=actor, note=note)
    return leave


@transaction.atomic
def cancel_leave(*, leave: Leave, actor, reason: str = "") -> Leave:
    """Withdraw a request, or approved leave that has not begun; leave already begun ends by reporting back."""
    leave = _lock_leave(leave)
    _require_leave(leave, LIVE_LEAVE, _("cancel"))
    if leave.status == LeaveStatus.APPROVED and leave.start_date <= timezone.localdate():
        raise TransitionError(_("This leave has begun; record the cadre's return instead."))
    leave.status = LeaveStatus.CANCELLED
    leave.decision_note = "\n".join(part for part in (leave.decision_note, reason.strip()) if part)
    leave.save(update_fields=["status", "decision_note"])
    record_event(
        secondment=leave.secondment,
        action=EventAction.LEAVE,
        actor=actor,
        note=_("Leave cancelled: %(leave)s. %(reason)s")
        % {"leave": _leave_label(leave), "reason": reason.strip()},
    )
    return leave
