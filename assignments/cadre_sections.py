"""The secondments shown on a cadre's page."""

from django.http import HttpRequest

from cadres.models import Cadre
from cadres.sections import Section
from guazhi.access import is_org_staff

from .choices import OPEN_STATUSES
from .selectors import secondments_visible_to


def cadre_secondments(request: HttpRequest, cadre: Cadre) -> Section:
    secondments = list(
        secondments_visible_to(request.user)
        .filter(cadre=cadre)
        .select_related("sending_unit", "current_unit")
        .order_by("-term_start")
    )
    return Section(
        template="assignments/includes/cadre_secondments.html",
        context={
            "secondments": secondments,
            "can_register": is_org_staff(request.user)
            and not any(s.status in OPEN_STATUSES for s in secondments),
            "cadre": cadre,
        },
    )
