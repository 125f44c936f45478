from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.selectors import units_visible_to
from evaluations.selectors import home_queue
from guazhi.access import is_cadre, is_org_staff, member_unit_ids
from oversight.dashboard import dashboard, unit_watches
from oversight.unit_watch import unit_watch_counts
from oversight.watch import sees_unplaced_cadres
from selection.reports import selection_alerts
from selection.selectors import unread_threads

from .mine import my_secondment


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: each watch's count for what the user sees, and each receiving unit's open items."""
    user = request.user
    if is_cadre(user):
        return my_secondment(request)
    staff = is_org_staff(user)
    context = {
        "has_dashboard": staff or bool(member_unit_ids(user)),
        "watching_every_unit": staff,
        "my_units": [],
        "watch_counts": [],
        "unit_rows": [],
        "unit_watches": [],
        "unit_table_heading": _("Open items by receiving unit"),
        "appraisal_queue": home_queue(user),
        # Units nobody answers for are the organization department's to fix.
        "unit_watch_counts": unit_watch_counts() if staff else [],
        "selection_unread": unread_threads(user),
        "selection_alerts": selection_alerts(user, timezone.localdate()),
    }
    if not staff and member_unit_ids(user):
        context["my_units"] = list(units_visible_to(user).order_by("name"))
        if not sees_unplaced_cadres(user):
            # A leader's table holds only their own units: it is headed by them.
            names = "、".join(unit.name for unit in context["my_units"])
            context["unit_table_heading"] = _("Open items of %(units)s") % {"units": names}
    if staff or member_unit_ids(user):
        numbers = dashboard(user)
        context.update(watch_counts=numbers.counts, unit_rows=numbers.rows, unit_watches=unit_watches(user))
    return render(request, "oversight/home.html", context)
