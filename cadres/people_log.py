"""The history of who acts for a unit, as the unit's page shows it to staff: each membership given or
ended, and each account created, reset or deactivated, with who did it and when. Two queries."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from guazhi.people import person_name

from .models import Account, Unit, UnitMembership


@dataclass
class PeopleLogLine:
    when: datetime.datetime
    who: str
    what: str


def _by(record) -> str:
    return person_name(record.history_user) if record.history_user_id else _("system")


def unit_people_log(unit: Unit, limit: int = 30) -> list[PeopleLogLine]:
    memberships = list(
        UnitMembership.history.filter(unit_id=unit.pk)
        .exclude(history_type="~")
        .select_related("history_user", "user")
        .order_by("-history_date")[:limit]
    )
    lines = []
    user_ids = set()
    for record in memberships:
        user_ids.add(record.user_id)
        names = {"name": person_name(record.user), "role": record.get_role_display()}
        what = (
            _("%(name)s acts for the unit as %(role)s") % names
            if record.history_type == "+"
            else _("%(name)s no longer acts for the unit as %(role)s") % names
        )
        lines.append(PeopleLogLine(record.history_date, _by(record), what))
    accounts = list(
        Account.history.filter(user_id__in=user_ids)
        .select_related("history_user", "user")
        .order_by("-history_date")[:limit]
    )
    for record in accounts:
        name = {"name": person_name(record.user)}
        steps = {
            "opened": _("A login was opened for %(name)s"),
            "password_set": _("A new password was set for %(name)s, to be changed at the next login"),
            "password_changed": _("%(name)s chose a new password"),
            "deactivated": _("The account of %(name)s was deactivated"),
        }
        if record.history_change_reason in steps:
            lines.append(
                PeopleLogLine(record.history_date, _by(record), steps[record.history_change_reason] % name)
            )
    lines.sort(key=lambda line: line.when, reverse=True)
    return lines[:limit]
