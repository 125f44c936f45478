"""What the oversight app shows on the secondment page: the alerts the secondment is in."""

from django.http import HttpRequest

from assignments.models import Secondment
from assignments.sections import Section

from .watch import watch_flags


def secondment_alerts(request: HttpRequest, secondment: Secondment) -> Section:
    return Section(
        template="oversight/includes/watch_flags.html",
        context={"flags": watch_flags(request.user, secondment)},
        slot="alerts",
    )
