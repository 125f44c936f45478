"""Before a step that hands work to a unit nobody there can do (no leader account: nobody files its
appraisals or decides its leave), the page warns, naming the units, and asks to go on. The same
submission comes back with ``GO_ON`` once the user has confirmed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

GO_ON = "go_on_without_leader"


def confirm_leaderless(request: HttpRequest, units, *, action: str, back: str) -> HttpResponse | None:
    """None when the step may go on (no such unit, or the user confirmed); otherwise the page that
    names the units and resubmits the same form with the confirmation."""
    if not units or request.POST.get(GO_ON):
        return None
    fields = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", GO_ON)
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "includes/leaderless_confirm.html",
        {
            "units": units,
            "names": "、".join(unit.name for unit in units),
            "action": action,
            "back": back,
            "fields": fields,
            "go_on": GO_ON,
        },
    )
