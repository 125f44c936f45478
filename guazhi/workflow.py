"""What every state change shares: the refusal, the user it is recorded under, and how a page calls it."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


class TransitionError(Exception):
    """A workflow step that is not allowed now; the message says why, in the user's language.

    ``fields`` names, where the refusal is about particular values, the form field each part of
    the message belongs to, so a page can show it there (``guazhi.forms.show_refusal``).
    """

    def __init__(self, message, *, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def __str__(self) -> str:
        return str(self.message)


def on_behalf_note(actor) -> str:
    """The words a timeline line ends with when staff filed or decided for a unit (代为录入)."""
    from django.utils.translation import gettext as _

    from .people import person_name

    return " " + _("(代为录入 by %(name)s of the organization department)") % {"name": person_name(actor)}


def acting_user(actor):
    """The user to record as having taken a step, or None when no one signed in did (a command,
    the system): what every ``…_by`` column and timeline line stores."""
    return actor if actor is not None and actor.is_authenticated else None


def run_step(request: HttpRequest, step: Callable[[], object], success: str, target) -> HttpResponse | None:
    """Call a service from a page: on success add the message and go to ``target`` (an object with a
    page, a URL or a URL name); on refusal show why and return None, so the page can stay."""
    try:
        step()
    except TransitionError as error:
        messages.error(request, error.message)
        return None
    messages.success(request, success)
    return redirect(target)
