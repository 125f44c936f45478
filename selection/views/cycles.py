"""The selection cycle pages: staff open, list needs, publish and close; members read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from guazhi.access import NotVisible, get_visible_or_404, is_org_staff, member_unit_ids, staff_required
from guazhi.forms import show_refusal
from guazhi.workflow import TransitionError, run_step

from .. import services
from ..choices import CycleStatus, NominationStatus
from ..forms import CycleForm, NeedForm
from ..models import Nomination, SelectionCycle
from ..reports import selection_alerts
from ..selectors import (
    cycles_visible_to,
    needs_visible_to,
)


def _member_or_staff(request: HttpRequest) -> None:
    if not is_org_staff(request.user) and not member_unit_ids(request.user):
        raise NotVisible


@login_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    _member_or_staff(request)
    cycles = cycles_visible_to(request.user).annotate(n_needs=Count("needs", distinct=True))
    return render(
        request,
        "selection/cycle_list.html",
        {
            "cycles": cycles,
            "can_open": is_org_staff(request.user),
            "selection_alerts": selection_alerts(request.user, timezone.localdate()),
        },
    )


@staff_required
def cycle_create(request: HttpRequest) -> HttpResponse:
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.open_cycle(actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("The cycle %(name)s is drafted; list its needs.") % {"name": cycle})
            return redirect(cycle)
    return render(request, "selection/form.html", {"form": form, "title": _("Open a selection cycle")})


def _mix(needs) -> dict[str, int]:
    """The cycle's mix as the seed asks it: how many seats come from economic departments and broad posts."""
    return {
        "seats": sum(n.count for n in needs),
        "economic": sum(n.count for n in needs if n.economic),
        "broad": sum(n.count for n in needs if n.broad_scope),
        "filled": sum(min(n.n_accepted, n.count) for n in needs),
    }


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _member_or_staff(request)
    cycle = get_visible_or_404(cycles_visible_to(request.user), pk=pk)
    needs = list(
        needs_visible_to(request.user)
        .filter(cycle=cycle)
        .select_related("unit", "post")
        .prefetch_related("specialties")
        .annotate(n_accepted=Count("nominations", filter=Q(nominations__status=NominationStatus.ACCEPTED)))
        .order_by("unit__name", "id")
    )
    staff = is_org_staff(request.user)
    return render(
        request,
        "selection/cycle_detail.html",
        {
            "cycle": cycle,
            "needs": needs,
            "mix": _mix(needs),
            "staff": staff,
            "is_draft": cycle.status == CycleStatus.DRAFT,
            "addressed": list(cycle.addressed_units.all()),
        },
    )


@staff_required
def need_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_visible_or_404(SelectionCycle.objects.all(), pk=pk)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_need(cycle=cycle, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The need is listed."))
            return redirect(cycle)
    return render(request, "selection/form.html", {"form": form, "title": _("Add a need"), "cycle": cycle})


def _cycle_step(request: HttpRequest, pk: int, step, done: str, template: str, context) -> HttpResponse:
    """A step on the whole cycle: its confirmation page, then the service on POST."""
    cycle = get_visible_or_404(SelectionCycle.objects.all(), pk=pk)
    if request.method == "POST":
        finished = run_step(request, lambda: step(cycle=cycle, actor=request.user), done, cycle)
        if finished:
            return finished
    return render(request, template, {"cycle": cycle, **context(cycle)})


@staff_required
def cycle_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _cycle_step(
        request,
        pk,
        services.publish_cycle,
        _("The cycle is published: the sending units addressed see its needs."),
        "selection/publish_confirm.html",
        lambda cycle: {
            "needs": cycle.needs.select_related("unit", "post"),
            "addressed": cycle.addressed_units.all(),
        },
    )


@staff_required
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _cycle_step(
        request,
        pk,
        services.close_cycle,
        _("The cycle is closed: it takes no more nominations."),
        "selection/close_confirm.html",
        lambda cycle: {
            "waiting": Nomination.objects.filter(need__cycle=cycle, status=NominationStatus.PROPOSED).count()
        },
    )
