"""What an import did, or would do, in a few lines for the command and the pages."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..choices import SecondmentStatus
from .checking import RosterCheck


def summary_lines(check: RosterCheck, *, dry_run: bool = False) -> list[str]:
    counts = check.counts()
    if dry_run:
        first = (
            _("Dry run, nothing was written. Importing this file would change:")
            if check.changes_anything
            else _(
                "Dry run, nothing was written. Importing this file would change nothing: it is all on file."
            )
        )
    elif check.changes_anything:
        first = _("The roster is imported.")
    else:
        first = _("Nothing changed: everything in the roster is already on file.")
    lines = [
        first,
        _("Cadres: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % counts["cadres"].as_dict(),
        _("Secondments: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % counts["secondments"].as_dict(),
        _("Assignments: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % counts["assignments"].as_dict(),
        _("Posts: %(created)d created, %(updated)d updated.") % counts["posts"].as_dict(),
        _("Units: %(created)d created, %(updated)d updated.") % counts["units"].as_dict(),
        _("Specialties: %(created)d created.") % counts["specialties"].as_dict(),
    ]
    if check.sheet.skipped_example:
        lines.append(
            _("Row %(row)d, the template's example, was left out.") % {"row": check.sheet.skipped_example}
        )
    return lines


@dataclass
class PreviewRow:
    number: int
    name: str
    sending_unit: str
    term_start: datetime.date
    term_end: datetime.date
    placement: str
    status: str
    cadre_action: str
    secondment_action: str


def _action(is_new: bool, is_changed: bool) -> str:
    if is_new:
        return pgettext("roster action", "new")
    return pgettext("roster action", "updated") if is_changed else pgettext("roster action", "unchanged")


def preview_rows(check: RosterCheck, limit: int = 10) -> list[PreviewRow]:
    """The first rows of a checked roster, with what importing would do to each."""
    rows = []
    for plan in check.rows[:limit]:
        data = plan.data
        rows.append(
            PreviewRow(
                number=plan.number,
                name=data["name"],
                sending_unit=data["sending_unit"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                placement=f"{data['unit']} {data['title']}".strip(),
                status=SecondmentStatus(plan.secondment.status).label if plan.secondment.status else "",
                cadre_action=_action(plan.cadre.is_new, bool(plan.cadre.changed)),
                secondment_action=_action(plan.secondment.is_new, plan.secondment.is_changed),
            )
        )
    return rows
