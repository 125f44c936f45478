"""Who sees which cadre and which unit: the one place that decides it.

Apps above this one (assignments) widen what unit members see by registering
a function that returns a ``Q(pk__in=subquery)`` over ``Cadre``; this module never imports them.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from guazhi.access import is_org_staff, member_unit_ids, own_cadre_id

from .models import Cadre, Unit

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
