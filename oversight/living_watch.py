"""生活未落实: cadres in the county whose housing is not on file some days after they reported.

Kept apart from ``oversight.watch`` (which includes it) so the watch over life support reads the
living app in one place. Its condition is one ``NOT IN (subquery)``, so the dashboard stays one
aggregate query.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from assignments.choices import IN_COUNTY_STATUSES
from living.models import LifeSupport

from .watch_base import DANGER, Watch, _ago, _days


def living_watches() -> list[Watch]:
    return [
        Watch(
            "no_housing",
            _("Housing not settled %(days)d days after reporting") % {"days": _days("HOUSING_DUE_DAYS")},
            _(
                "Reported and no housing is on file (生活未落实). Record it under Life support on the secondment page."
            ),
            _("Housing due by"),
            _("Days overdue"),
            DANGER,
            neglect=True,
            remedy=_("Settle their housing with the receiving units, and record it."),
        )
    ]


def living_conditions(today: datetime.date) -> dict[str, Q]:
    """Each life-support watch's condition over Secondment, on the given day."""
    housed = LifeSupport.objects.exclude(housing="").values("secondment_id")
    return {
        "no_housing": Q(status__in=IN_COUNTY_STATUSES, reported_on__lt=_ago(today, _days("HOUSING_DUE_DAYS")))
        & ~Q(pk__in=housed)
    }


def living_shifts() -> dict[str, int]:
    """The days a list adds to the reporting date to show when the housing was due."""
    return {"no_housing": _days("HOUSING_DUE_DAYS")}
