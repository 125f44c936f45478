"""生活保障 and 关怀走访 on the secondment page, once the cadre has reported."""

import datetime

from django.conf import settings
from django.http import HttpRequest

from assignments.models import Secondment
from assignments.sections import Section

from .selectors import can_record_living, care_visits_visible_to, life_support_visible_to


def secondment_living(request: HttpRequest, secondment: Secondment) -> Section | None:
    if secondment.reported_on is None:
        return None
    user = request.user
    return Section(
        template="living/includes/secondment_living.html",
        context={
            "secondment": secondment,
            "support": life_support_visible_to(user).filter(secondment=secondment).first(),
            "visits": care_visits_visible_to(user)
            .filter(secondment=secondment)
            .select_related("recorded_by"),
            "can_record": can_record_living(user, secondment),
            "housing_due": secondment.reported_on
            + datetime.timedelta(days=settings.GUAZHI["HOUSING_DUE_DAYS"]),
        },
    )
