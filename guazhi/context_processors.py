from django.utils import timezone

from .access import is_cadre, is_org_staff, member_unit_ids


def roles(request):
    """What every page's navigation needs, decided once per request by the rules of ``access``:
    whether the organization department's pages (``staff_required``) are open to the user, who
    then sees links to them, whether the user acts for a unit, and whether they are a cadre
    signed in with their own login (who sees only themselves)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_pages": False, "has_memberships": False, "is_cadre": False}
    return {
        "staff_pages": is_org_staff(user),
        "has_memberships": bool(member_unit_ids(user)),
        "is_cadre": is_cadre(user),
    }


def today(request):
    return {"today": timezone.localdate()}
