"""Leave (请销假): the request, the decision of whoever holds its tier, reporting back, cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadres.selectors import on_behalf_of, units_without_leader
from guazhi.access import deny, get_visible_or_404
from guazhi.leaderless import confirm_leaderless
from guazhi.text import xml_safe
from guazhi.workflow import run_step

from .. import services
from ..choices import ApprovalTier, LeaveStatus
from ..forms import DateForm, LeaveDecisionForm, LeaveRequestForm, OutsideDecisionForm
from ..models import Leave, Secondment
from ..permissions import (
    care_actions,
    holds_approval_tier,
    may_host_leave,
    may_record_outside_decision,
    may_request_leave,
)
from .common import action_page, visible_secondment


def _leave(secondment: Secondment, leave_pk: int) -> Leave:
    return get_visible_or_404(secondment.leaves.select_related("approver"), pk=leave_pk)


def _not_waiting(request: HttpRequest, secondment: Secondment, leave: Leave) -> HttpResponse | None:
    """Decisions are for requests still waiting; otherwise say what became of it."""
    if leave.status == LeaveStatus.REQUESTED and secondment.is_open:
        return None
    messages.info(
        request,
        _("This leave is no longer waiting for a decision: it is %(status)s.")
        % {"status": leave.get_status_display()},
    )
    return redirect(secondment)


@login_required
def leave_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a leave request; the days decide who approves it."""
    secondment = visible_secondment(request, pk)
    if not may_request_leave(request.user, secondment):
        deny(_("Leave is requested through the receiving unit or the organization department."))
    if not care_actions(request.user, secondment).can_request_leave:
        messages.error(
            request,
            _("Leave cannot be requested now: %(name)s's secondment is %(status)s.")
            % {"name": secondment.cadre.name, "status": secondment.get_status_display()},
        )
        return redirect(secondment)
    form = LeaveRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The cadre asking for their own leave is not told about the unit's accounts; staff see the
        # request waiting on the unit and decide it on its behalf.
        leaderless = secondment.current_unit_id and may_host_leave(request.user, secondment)
        warning = confirm_leaderless(
            request,
            units_without_leader([secondment.current_unit_id]) if leaderless else [],
            action=_("Record the leave"),
            back=request.get_full_path(),
        )
        if warning:
            return warning
        done = run_step(
            request,
            lambda: services.request_leave(secondment=secondment, actor=request.user, **form.cleaned_data),
            _("The leave request is recorded."),
            secondment,
        )
        if done:
            return done
    return action_page(request, secondment, form, title=_("Request leave"))


@login_required
def leave_decide(request: HttpRequest, pk: int, leave_pk: int) -> HttpResponse:
    """Approve or refuse a request, for whoever holds its tier in the system."""
    secondment = visible_secondment(request, pk)
    leave = _leave(secondment, leave_pk)
    if not holds_approval_tier(request.user, secondment, leave.approval_tier):
        deny(_("This leave is approved by %(tier)s.") % {"tier": leave.get_approval_tier_display()})
    gone = _not_waiting(request, secondment, leave)
    if gone:
        return gone
    form = LeaveDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note, approve = form.cleaned_data["note"], form.cleaned_data["decision"] == LeaveDecisionForm.APPROVE
        done = run_step(
            request,
            (lambda: services.approve_leave(leave=leave, actor=request.user, note=note))
            if approve
            else (lambda: services.reject_leave(leave=leave, actor=request.user, reason=note)),
            _("The leave is approved.") if approve else _("The leave is refused."),
            secondment,
        )
        if done:
            return done
    on_behalf = leave.approval_tier == ApprovalTier.RECEIVING_UNIT and on_behalf_of(
        request.user, secondment.current_unit_id
    )
    return render(
        request,
        "assignments/leave_decide.html",
        {"secondment": secondment, "leave": leave, "form": form, "on_behalf": on_behalf},
    )


@login_required
def leave_outside_decision(request: HttpRequest, pk: int, leave_pk: int) -> HttpResponse:
    """Record a decision taken outside the system, e.g. by the sending unit for long leave."""
    secondment = visible_secondment(request, pk)
    leave = _leave(secondment, leave_pk)
    if not may_record_outside_decision(request.user, secondment, leave.approval_tier):
        deny(_("You may not record decisions on this leave."))
    gone = _not_waiting(request, secondment, leave)
    if gone:
        return gone
    form = OutsideDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            request,
            lambda: services.record_outside_approval(leave=leave, actor=request.user, **data),
            _("The decision is recorded."),
            secondment,
        )
        if done:
            return done
    return action_page(
        request,
        secondment,
        form,
        title=_("Record a decision taken outside the system"),
        intro=_("%(leave)s, to be approved by: %(tier)s.")
        % {"leave": leave, "tier": leave.get_approval_tier_display()},
    )


@login_required
@require_POST
def leave_report_back(request: HttpRequest, pk: int, leave_pk: int) -> HttpResponse:
    """The cadre is back (销假)."""
    secondment = visible_secondment(request, pk)
    leave = _leave(secondment, leave_pk)
    if not may_host_leave(request.user, secondment):
        deny(_("Returns are recorded by the receiving unit or the organization department."))
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["date"][0])
        return redirect(secondment)
    return run_step(
        request,
        lambda: services.report_back(
            leave=leave, reported_back_on=form.cleaned_data["date"], actor=request.user
        ),
        _("The return from leave is recorded."),
        secondment,
    ) or redirect(secondment)


@login_required
@require_POST
def leave_cancel(request: HttpRequest, pk: int, leave_pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    leave = _leave(secondment, leave_pk)
    if not may_host_leave(request.user, secondment):
        deny(_("Leave is cancelled by the receiving unit or the organization department."))
    return run_step(
        request,
        lambda: services.cancel_leave(
            leave=leave, actor=request.user, reason=xml_safe(request.POST.get("reason", ""))
        ),
        _("The leave is cancelled."),
        secondment,
    ) or redirect(secondment)
