"""What a user may do with a secondment they can see: the ``can_*`` flags views pass on."""

from dataclasses import dataclass

from guazhi.access import is_org_staff

from .choices import OPEN_STATUSES, SecondmentStatus
from .models import Secondment

S = SecondmentStatus


@dataclass(frozen=True)
class SecondmentActions:
    can_edit: bool
    can_report: bool
    can_assign: bool
    can_reassign: bool
    can_extend: bool
    can_end_early: bool
    can_tick_checklist: bool


def secondment_actions(user, secondment: Secondment) -> SecondmentActions:
    """Only staff change a secondment's state, and only the steps its state allows."""
    staff = is_org_staff(user)
    status = secondment.status
    return SecondmentActions(
        can_edit=staff and status in OPEN_STATUSES,
        can_report=staff and status == S.EXPECTED,
        can_assign=staff and status == S.AWAITING_POST,
        can_reassign=staff and status == S.IN_POST,
        can_extend=staff and status == S.IN_POST,
        can_end_early=staff and status in OPEN_STATUSES,
        can_tick_checklist=staff and status in OPEN_STATUSES,
    )
