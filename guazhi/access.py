"""Who is who, and the one way views refuse access.

Refusals are logged to the ``guazhi.security`` logger by the security-log
middleware; a user outside a unit gets the same 404 as for something that
does not exist.
"""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

ORG_STAFF_PERMISSION = "cadres.org_staff"
ORG_STAFF_GROUP = "组织部工作人员"

M = TypeVar("M", bound=Model)


class NotVisible(Http404):
    """Raised when an object exists but is not the user's to see, or does not exist."""


def is_org_staff(user) -> bool:
    """Organization-department staff (and superusers) see and do everything."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(ORG_STAFF_PERMISSION))


def member_unit_ids(user, role: str | None = None) -> frozenset[int]:
    """The units the user acts for, in the given role or any; cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cache = getattr(user, "_guazhi_memberships", None)
    if cache is None:
        cache = list(user.memberships.values_list("unit_id", "role"))
        user._guazhi_memberships = cache
    return frozenset(unit for unit, r in cache if role is None or r == role)


def own_cadre_id(user) -> int | None:
    """The cadre whose own login this is (the cadre role), or None; cached on the user object.

    A cadre sees only themselves: their terms, care, leave and confirmed appraisals.
    """
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_guazhi_own_cadre"):
        try:
            user._guazhi_own_cadre = user.own_cadre.pk
        except ObjectDoesNotExist:
            user._guazhi_own_cadre = None
    return user._guazhi_own_cadre


def is_cadre(user) -> bool:
    """A seconded cadre signed in with their own login (and acting for no unit)."""
    return not is_org_staff(user) and not member_unit_ids(user) and own_cadre_id(user) is not None


def get_visible_or_404(queryset: QuerySet[M], **lookup) -> M:
    """The object from a visibility queryset, or the same 404 whether it is hidden or absent."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotVisible from None


def deny(reason: str = "") -> None:
    """Refuse an action on a visible object (403)."""
    raise PermissionDenied(reason)


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff pages: anonymous users go to the login page, everyone else gets 404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_org_staff(request.user):
            raise NotVisible
        return view(request, *args, **kwargs)

    return wrapper


def lists_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages listing many cadres' records (lists, watches, exports): anyone signed in but a cadre with
    their own login, who sees only their own page and gets 404 here."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if is_cadre(request.user):
            raise NotVisible
        return view(request, *args, **kwargs)

    return wrapper
