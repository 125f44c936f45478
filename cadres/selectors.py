"""Who sees which cadre and which unit: the one place that decides it.

Apps above this one (assignments) widen what unit members see by registering
a function that returns a ``Q(pk__in=subquery)`` over ``Cadre``; this module never imports them.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from guazhi.access import is_org_staff, member_unit_ids, own_cadre_id

from .models import Cadre, FamilyMember, Unit

_cadre_widenings: list[Callable[[object], Q]] = []


def register_cadre_visibility(widen: Callable[[object], Q]) -> None:
    """Let a higher app add the cadres a unit member may see (called from AppConfig.ready)."""
    if widen not in _cadre_widenings:
        _cadre_widenings.append(widen)


def cadres_visible_to(user) -> QuerySet[Cadre]:
    """Staff see every cadre; unit members only those a registered rule grants them; a cadre with
    their own login only themselves."""
    if is_org_staff(user):
        return Cadre.objects.all()
    if not member_unit_ids(user):
        # A cadre with their own login sees themselves; anyone else nobody.
        own = own_cadre_id(user)
        return Cadre.objects.filter(pk=own) if own else Cadre.objects.none()
    condition = Q(pk__in=[])
    for widen in _cadre_widenings:
        condition |= widen(user)
    return Cadre.objects.filter(condition)


def units_visible_to(user) -> QuerySet[Unit]:
    """Staff see every unit; a leader or liaison the units they act for."""
    if is_org_staff(user):
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=member_unit_ids(user))


def can_edit_cadre(user) -> bool:
    return is_org_staff(user)


def can_see_personal_data(user) -> bool:
    """ID numbers and phones in full: staff only; everyone else sees them masked."""
    return is_org_staff(user)


def cadre_list_queryset(user) -> QuerySet[Cadre]:
    return (
        cadres_visible_to(user)
        .select_related("home_unit")
        .prefetch_related("specialties")
        .order_by("name_pinyin", "id")
    )


# Lines of a cadre's family history the page shows, newest first.
FAMILY_HISTORY_LINES = 30


def family_history(user, cadre: Cadre) -> list | None:
    """The changes to a cadre's family members, each with who made it and the member as it then
    stood; for the organization department only (None for the others)."""
    if not is_org_staff(user):
        return None
    return list(
        FamilyMember.history.filter(cadre_id=cadre.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:FAMILY_HISTORY_LINES]
    )


def units_without_leader(units: QuerySet[Unit] | list[int]) -> list[Unit]:
    """Of the given units (a queryset or ids), those with no active leader account, by name: one query."""
    from .choices import MembershipRole
    from .models import UnitMembership

    leaders = UnitMembership.objects.filter(role=MembershipRole.LEADER, user__is_active=True)
    return list(Unit.objects.filter(pk__in=units).exclude(pk__in=leaders.values("unit_id")).order_by("name"))


def on_behalf_of(user, unit_id: int | None) -> bool:
    """Whether what ``user`` files or decides for a unit is done on its behalf (代为录入): staff who are
    not themselves a leader of the unit."""
    from .choices import MembershipRole

    return is_org_staff(user) and unit_id not in member_unit_ids(user, MembershipRole.LEADER)
