"""What the secondment pages share: reading the secondment, the one-form action page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guazhi.access import get_visible_or_404

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
