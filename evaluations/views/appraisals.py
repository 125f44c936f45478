from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments.selectors import attendance
from cadres.choices import MembershipRole
from cadres.selectors import on_behalf_of
from guazhi.access import (
    deny,
    get_visible_or_404,
    is_org_staff,
    lists_required,
    member_unit_ids,
    staff_required,
)
from guazhi.forms import shown_order
from guazhi.history import change_log_for
from guazhi.paging import PAGE_SIZE, paginate
from guazhi.workflow import run_step

from .. import services
from ..forms import AppraisalFilter, AppraisalForm, ReturnForm
from ..models import Appraisal
from ..permissions import appraisal_actions
from ..selectors import (
    appraisal_list_queryset,
    appraisals_visible_to,
    confirms_appraisals,
    is_filer,
    queue_for,
    recently_filed_by_units,
    rounds_visible_to,
)
from ..selectors.evidence import appraisal_evidence


def _visible(request: HttpRequest, pk: int) -> Appraisal:
    return get_visible_or_404(
        appraisals_visible_to(request.user).select_related(
            "secondment__cadre__home_unit",
            "secondment__sending_unit",
            "secondment__current_unit",
            "round",
            "unit",
            "term_review",
            "filed_by",
            "reviewed_by",
        ),
        pk=pk,
    )


def _period_attendance(appraisal: Appraisal):
    """Attendance over the round's period within the term, up to today."""
    secondment = appraisal.secondment
    start = secondment.term_start
    end = min(secondment.actual_end or secondment.term_end, timezone.localdate())
    if appraisal.round_id:
        start, end = max(start, appraisal.round.period_start), min(end, appraisal.round.period_end)
    return attendance(secondment, start, end)


@lists_required
def appraisal_list(request: HttpRequest) -> HttpResponse:
    staff = is_org_staff(request.user)
    appraisal_filter = AppraisalFilter(
        request.GET,
        queryset=appraisal_list_queryset(request.user),
        rounds=rounds_visible_to(request.user) if staff else None,
    )
    page = paginate(request, appraisal_filter.qs)
    return render(
        request,
        "evaluations/appraisal_list.html",
        {"filter": appraisal_filter, "page": page, "confirming": confirms_appraisals(request.user)},
    )


@lists_required
def my_appraisals(request: HttpRequest) -> HttpResponse:
    """The user's queue: appraisals to file for a leader, appraisals to confirm for staff."""
    queue = paginate(request, queue_for(request.user))
    confirming = confirms_appraisals(request.user)
    return render(
        request,
        "evaluations/my_appraisals.html",
        {
            "page": queue,
            "confirming": confirming,
            "is_leader": bool(member_unit_ids(request.user, MembershipRole.LEADER)),
            "submitted": [] if confirming else recently_filed_by_units(request.user)[:PAGE_SIZE],
        },
    )


@login_required
def appraisal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = _visible(request, pk)
    return render(
        request,
        "evaluations/appraisal_detail.html",
        {
            "appraisal": appraisal,
            "secondment": appraisal.secondment,
            "actions": appraisal_actions(request.user, appraisal),
            "attendance": _period_attendance(appraisal),
            # The rater's evidence, for those who may file it: staff who confirm read it here too.
            "evidence": appraisal_evidence(request.user, appraisal)
            if is_filer(request.user, appraisal)
            else None,
            "history": change_log_for(
                request.user, appraisal.history.all(), field_order=shown_order(AppraisalForm())
            ),
        },
    )


@login_required
def appraisal_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill in an appraisal: save it as a draft, or submit it for review."""
    appraisal = _visible(request, pk)
    if not is_filer(request.user, appraisal):
        deny(_("Only the leaders of the receiving unit file this appraisal."))
    if not appraisal_actions(request.user, appraisal).can_file:
        messages.info(
            request,
            _("This appraisal is %(status)s and is read-only.") % {"status": appraisal.get_status_display()},
        )
        return redirect(appraisal)
    submitting = request.POST.get("action") == "submit"
    form = AppraisalForm(request.POST or None, instance=appraisal, submitting=submitting)
    if request.method == "POST" and form.is_valid():
        service = services.file_appraisal if submitting else services.save_appraisal_draft
        done = run_step(
            request,
            lambda: service(appraisal=appraisal, data=form.cleaned_data, actor=request.user),
            _("The appraisal is submitted to the organization department.")
            if submitting
            else _("The draft is saved; submit it when it is complete."),
            appraisal if submitting else request.path,
        )
        if done:
            return done
    return render(
        request,
        "evaluations/appraisal_form.html",
        {
            "appraisal": appraisal,
            "secondment": appraisal.secondment,
            "form": form,
            "attendance": _period_attendance(appraisal),
            "evidence": appraisal_evidence(request.user, appraisal),
            "on_behalf": on_behalf_of(request.user, appraisal.unit_id),
        },
    )


@staff_required
@require_POST
def appraisal_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = _visible(request, pk)
    return run_step(
        request,
        lambda: services.confirm_appraisal(appraisal=appraisal, actor=request.user),
        _("The appraisal of %(name)s is confirmed.") % {"name": appraisal.secondment.cadre.name},
        appraisal,
    ) or redirect(appraisal)


@staff_required
def appraisal_return(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = _visible(request, pk)
    if not appraisal_actions(request.user, appraisal).can_return:
        messages.info(
            request,
            _("This appraisal is %(status)s and cannot be returned.")
            % {"status": appraisal.get_status_display()},
        )
        return redirect(appraisal)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.return_appraisal(
                appraisal=appraisal, reason=form.cleaned_data["reason"], actor=request.user
            ),
            _("The appraisal is returned to %(unit)s.") % {"unit": appraisal.unit.name},
            appraisal,
        )
        if done:
            return done
    return render(request, "evaluations/appraisal_return.html", {"appraisal": appraisal, "form": form})
