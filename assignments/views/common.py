"""What the secondment pages share: reading the secondment, the one-form action page, calling a service."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from guazhi.access import get_visible_or_404
from guazhi.workflow import TransitionError

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


def run_service(
    request: HttpRequest, secondment: Secondment, action: Callable[[], object], success: str
) -> HttpResponse | None:
    """Call a service; on success add a message and go back to the secondment, else show why not."""
    try:
        action()
    except TransitionError as error:
        messages.error(request, error.message)
        return None
    messages.success(request, success)
    return redirect(secondment)
