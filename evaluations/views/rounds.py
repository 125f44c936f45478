from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments.models import Secondment
from cadres.selectors import units_without_leader
from guazhi.access import get_visible_or_404, staff_required
from guazhi.forms import shown_order
from guazhi.history import change_log_for
from guazhi.leaderless import confirm_leaderless
from guazhi.paging import paginate
from guazhi.workflow import TransitionError, run_step

from .. import services
from ..choices import AppraisalStatus
from ..forms import ExtendRoundForm, RoundForm
from ..models import AppraisalRound
from ..permissions import may_print_forms
from ..selectors import (
    UnitOrderedAppraisals,
    reviews_for_forms,
    round_list_queryset,
    round_summary,
    round_unit_ids,
    rounds_visible_to,
    unfiled_in,
)


def _batches() -> list[str]:
    return list(
        Secondment.objects.exclude(batch="").order_by("-batch").values_list("batch", flat=True).distinct()
    )


def _round(request: HttpRequest, pk: int) -> AppraisalRound:
    return get_visible_or_404(rounds_visible_to(request.user), pk=pk)


@staff_required
def round_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, round_list_queryset(request.user))
    return render(request, "evaluations/round_list.html", {"page": page})


@staff_required
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None, batches=_batches())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        warning = confirm_leaderless(
            request,
            units_without_leader(round_unit_ids(kind=data["kind"], **form.subset())),
            action=_("Open the round"),
            back=reverse("evaluations:round_create"),
        )
        if warning:
            return warning
        try:
            appraisal_round, added = services.open_round(
                title=data["title"],
                kind=data["kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                due_date=data["due_date"],
                note=data["note"],
                actor=request.user,
                **form.subset(),
            )
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(round)s is open: %(count)d appraisals are in the receiving units' queues.")
                % {"round": appraisal_round.title, "count": added},
            )
            return redirect(appraisal_round)
    return render(request, "evaluations/round_form.html", {"form": form})


@staff_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal_round = _round(request, pk)
    status = request.GET.get("status", "")
    appraisals = appraisal_round.appraisals.select_related(
        "secondment__cadre", "secondment__sending_unit", "unit"
    )
    if status in AppraisalStatus.values:
        appraisals = appraisals.filter(status=status)
    page = paginate(request, UnitOrderedAppraisals(appraisals))
    return render(
        request,
        "evaluations/round_detail.html",
        {
            "round": appraisal_round,
            "summary": round_summary(appraisal_round),
            "page": page,
            "status": status,
            "statuses": AppraisalStatus.choices,
            "extend_form": ExtendRoundForm(batches=_batches()) if appraisal_round.is_open else None,
            # A round that gathered end-of-term appraisals prints their 鉴定表 together.
            "has_forms": may_print_forms(request.user)
            and reviews_for_forms(request.user, appraisal_round=appraisal_round).exists(),
            "history": change_log_for(
                request.user, appraisal_round.history.all(), field_order=shown_order(RoundForm())
            ),
        },
    )


@staff_required
@require_POST
def round_extend(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal_round = _round(request, pk)
    form = ExtendRoundForm(request.POST, batches=_batches())
    if not form.is_valid():
        messages.error(request, _("Choose the units or the batch again."))
        return redirect(appraisal_round)
    try:
        added = services.extend_round(appraisal_round=appraisal_round, actor=request.user, **form.subset())
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect(appraisal_round)
    if added:
        messages.success(request, _("%(count)d appraisals were added to the round.") % {"count": added})
    else:
        messages.info(request, _("Every eligible cadre of that choice is already in the round."))
    return redirect(appraisal_round)


@staff_required
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing asks first, and lists the appraisals the units have not filed."""
    appraisal_round = _round(request, pk)
    if request.method == "POST":
        done = run_step(
            request,
            lambda: services.close_round(appraisal_round=appraisal_round, actor=request.user),
            _("%(round)s is closed.") % {"round": appraisal_round.title},
            appraisal_round,
        )
        return done or redirect(appraisal_round)
    if not appraisal_round.is_open:
        messages.info(request, _("%(round)s is already closed.") % {"round": appraisal_round.title})
        return redirect(appraisal_round)
    return render(
        request,
        "evaluations/round_close.html",
        {
            "round": appraisal_round,
            "unfiled": unfiled_in(appraisal_round),
            "awaiting_review": appraisal_round.appraisals.filter(status=AppraisalStatus.SUBMITTED).count(),
        },
    )
