from django.utils import timezone

from .access import is_org_staff, member_unit_ids


def roles(request):
    """What the navigation needs to know about the user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_org_staff": False, "has_memberships": False}
    return {
        "is_org_staff": is_org_staff(user),
        "has_memberships": bool(member_unit_ids(user)),
    }


def today(request):
    return {"today": timezone.localdate()}
