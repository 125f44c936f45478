from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from guazhi.workflow import TransitionError

PAGE_SIZE = 20


def run_step(request: HttpRequest, step: Callable[[], object], success: str, target) -> HttpResponse | None:
    """Call a service; on success add a message and go to the target, on refusal say why and stay."""
    try:
        step()
    except TransitionError as error:
        messages.error(request, error.message)
        return None
    messages.success(request, success)
    return redirect(target)
