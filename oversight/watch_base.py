"""What every watch is: its labels, its level, and the settings it reads (see ``oversight.watch``)."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

DANGER, WARNING, INFO = "danger", "warning", "info"


@dataclass(frozen=True)
class Watch:
    key: str
    label: str
    hint: str
    date_heading: str
    days_heading: str
    level: str
    # A neglect counts towards a unit's open items; the others (terms ending, requests waiting) inform.
    neglect: bool
    # Whether the days column counts towards the date (days left) rather than from it (days overdue).
    days_until: bool = False
    # About cadres placed in no unit yet, whom a receiving unit's leader never sees.
    unplaced: bool = False
    # About the user's own queue rather than the county (left out of the county's report).
    personal: bool = False
    # What clears it, as the county's report says under 存在的问题和下一步工作 (the hint if empty).
    remedy: str = ""
    url: str = field(init=False)

    def __post_init__(self) -> None:
        # Reversed once here: the dashboard's unit table links every cell to its watch's list.
        object.__setattr__(self, "url", reverse("oversight:watch_list", args=[self.key]))


def _days(name: str) -> int:
    return settings.GUAZHI[name]


def _ago(today: datetime.date, days: int) -> datetime.date:
    return today - datetime.timedelta(days=days)
