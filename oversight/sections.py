"""What the oversight app shows on the secondment page: the alerts the secondment is in."""

from django.http import HttpRequest

from assignments.models import Secondment
from assignments.sections import Section
from guazhi.access import is_cadre

from .radar_watches import KEYS as RADAR_KEYS
from .watch import watch_flags


def secondment_alerts(request: HttpRequest, secondment: Secondment) -> Section:
    return Section(
        template="oversight/includes/watch_flags.html",
        context={"flags": _flags(request.user, secondment)},
        slot="alerts",
    )


def _flags(user, secondment: Secondment) -> list:
    flags = watch_flags(user, secondment)
    if is_cadre(user):
        # The radar (角色偏离) is how the county reads the cadre's work, not a task of their own.
        flags = [watch for watch in flags if watch.key not in RADAR_KEYS]
    return flags
