"""Units nobody answers for: a receiving unit with a cadre and no leader, a sending unit with a cadre
and no liaison (两不管). Staff see them on the dashboard and in their reminders, and clear them on
the unit's page by adding a leader or a liaison. One query, whatever the number of units.

A leader or liaison counts while their account is active; a receiving unit "has a cadre" while one
is in post there (or in their end-of-term review), a sending unit while one of its cadres is not yet
back (registered, waiting for a post, in post or under review).
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from assignments.choices import OPEN_STATUSES, SERVING_STATUSES
from assignments.models import Secondment
from cadres.choices import MembershipRole
from cadres.models import Unit, UnitMembership


@dataclass(frozen=True)
class UnitWatch:
    key: str
    label: str
    hint: str


def unit_watch_list() -> list[UnitWatch]:
    return [
        UnitWatch(
            "no_leader",
            _("Units with a cadre but no leader"),
            _(
                "Receiving units where a cadre serves and no active leader account can file appraisals "
                "or decide leave. Add a leader on the unit's page."
            ),
        ),
        UnitWatch(
            "no_liaison",
            _("Sending units with a cadre but no liaison"),
            _(
                "Sending units with a cadre in the county and no active liaison account to follow them. "
                "Add a liaison on the unit's page."
            ),
        ),
    ]


def _member(role: str) -> Exists:
    return Exists(UnitMembership.objects.filter(unit=OuterRef("pk"), role=role, user__is_active=True))


def unanswered_units() -> dict[str, list[Unit]]:
    """The units of each unit watch, by name: one query."""
    hosts = Exists(Secondment.objects.filter(current_unit=OuterRef("pk"), status__in=SERVING_STATUSES))
    sends = Exists(Secondment.objects.filter(sending_unit=OuterRef("pk"), status__in=OPEN_STATUSES))
    units = (
        Unit.objects.annotate(
            no_leader=ExpressionWrapper(hosts & ~_member(MembershipRole.LEADER), BooleanField()),
            no_liaison=ExpressionWrapper(sends & ~_member(MembershipRole.LIAISON), BooleanField()),
        )
        .filter(Q(no_leader=True) | Q(no_liaison=True))
        .order_by("name")
    )
    found: dict[str, list[Unit]] = {"no_leader": [], "no_liaison": []}
    for unit in units:
        for key in found:
            if getattr(unit, key):
                found[key].append(unit)
    return found


@dataclass
class UnitWatchCount:
    watch: UnitWatch
    units: list[Unit]


def unit_watch_counts() -> list[UnitWatchCount]:
    """Each unit watch with its units, for the dashboard (staff only)."""
    found = unanswered_units()
    return [UnitWatchCount(watch, found[watch.key]) for watch in unit_watch_list()]


def unit_url(unit: Unit) -> str:
    return reverse("cadres:unit_detail", args=[unit.pk])
