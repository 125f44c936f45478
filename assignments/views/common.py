"""What the secondment pages share: reading the secondment, the one-form action page, ticking a step
of a checklist (the intake checklist here, the exit checklist on the review page)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guazhi.access import get_visible_or_404
from guazhi.workflow import run_step

from ..forms import DateForm
from ..models import Secondment
from ..selectors import secondments_visible_to


def visible_secondment(request: HttpRequest, pk: int) -> Secondment:
    """The secondment if the user may see it; 404 otherwise."""
    return get_visible_or_404(
        secondments_visible_to(request.user).select_related(
            "cadre__home_unit", "sending_unit", "current_unit"
        ),
        pk=pk,
    )


def action_page(
    request: HttpRequest, secondment: Secondment, form, *, title: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "assignments/secondment_action.html",
        {"secondment": secondment, "form": form, "title": title, "intro": intro},
    )


def tick_step(request: HttpRequest, entry, complete, back) -> HttpResponse:
    """Tick a checklist step done on the day posted (``complete(entry=, done_on=, actor=)``), then back
    to the page it is on, where a day that cannot be read is said."""
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["date"][0])
        return redirect(back)
    return run_step(
        request,
        lambda: complete(entry=entry, done_on=form.cleaned_data["date"], actor=request.user),
        _("%(item)s is done.") % {"item": entry.item.name},
        back,
    ) or redirect(back)


def untick_step(request: HttpRequest, entry, reopen, back) -> HttpResponse:
    """Mark a ticked checklist step as not done (``reopen(entry=, actor=)``), then back to its page."""
    return run_step(
        request,
        lambda: reopen(entry=entry, actor=request.user),
        _("%(item)s is marked as not done.") % {"item": entry.item.name},
        back,
    ) or redirect(back)
