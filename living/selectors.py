"""Who sees a term's life support and care visits, and who looks after them."""

from django.db.models import QuerySet

from assignments.choices import IN_COUNTY_STATUSES
from assignments.models import Secondment
from assignments.selectors import is_leader_of_current_unit, secondments_visible_to
from guazhi.access import is_org_staff

from .models import CareVisit, LifeSupport


def life_support_visible_to(user) -> QuerySet[LifeSupport]:
    """Whoever sees the secondment reads its living arrangements: staff, the current unit's leaders,
    the sending unit's liaisons, and the cadre with their own login."""
    return LifeSupport.objects.filter(secondment__in=secondments_visible_to(user))


def care_visits_visible_to(user) -> QuerySet[CareVisit]:
    """The care visits of the secondments the user sees."""
    return CareVisit.objects.filter(secondment__in=secondments_visible_to(user))


def may_look_after(user, secondment: Secondment) -> bool:
    """Staff and the current unit's leaders record living arrangements and visits; the sending unit's
    liaisons and the cadre read them."""
    return is_org_staff(user) or is_leader_of_current_unit(user, secondment)


def can_record_living(user, secondment: Secondment) -> bool:
    """Whoever looks after the cadre, while the cadre is in the county."""
    return secondment.status in IN_COUNTY_STATUSES and may_look_after(user, secondment)
