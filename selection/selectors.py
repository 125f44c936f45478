"""Who sees which cycle, need and nomination.

Staff see everything. A sending unit's liaison sees the published needs addressed to their unit and
only their own unit's nominations. A receiving unit's leader reads the needs of their unit (and their
nominations, to compare and comment). Everyone else sees nothing: their pages answer 404.
"""

from django.db.models import Q, QuerySet

from cadres.choices import MembershipRole
from guazhi.access import is_org_staff, member_unit_ids

from .choices import CycleStatus
from .models import Need, Nomination, SelectionCycle


def _addressed(liaised: frozenset[int], prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": CycleStatus.PUBLISHED}) & (
        Q(**{f"{prefix}addressed_units__in": liaised}) | Q(**{f"{prefix}addressed_units__isnull": True})
    )


def cycles_visible_to(user) -> QuerySet[SelectionCycle]:
    if is_org_staff(user):
        return SelectionCycle.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    condition = Q(pk__in=[])
    if liaised:
        condition |= _addressed(liaised)
    if led:
        condition |= Q(needs__unit__in=led) & ~Q(status=CycleStatus.DRAFT)
    return SelectionCycle.objects.filter(pk__in=SelectionCycle.objects.filter(condition).values("pk"))


def needs_visible_to(user) -> QuerySet[Need]:
    if is_org_staff(user):
        return Need.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    condition = Q(pk__in=[])
    if liaised:
        condition |= Q(cycle__in=SelectionCycle.objects.filter(_addressed(liaised)))
    if led:
        condition |= Q(unit__in=led) & ~Q(cycle__status=CycleStatus.DRAFT)
    return Need.objects.filter(condition)


def nominations_visible_to(user) -> QuerySet[Nomination]:
    if is_org_staff(user):
        return Nomination.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    condition = Q(pk__in=[])
    if liaised:
        condition |= Q(sending_unit__in=liaised)
    if led:
        condition |= Q(need__unit__in=led) & ~Q(need__cycle__status=CycleStatus.DRAFT)
    return Nomination.objects.filter(condition)
