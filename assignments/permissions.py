"""What a user may do with a secondment they can see: the ``can_*`` flags views pass on."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from cadres.choices import MembershipRole
from guazhi.access import is_org_staff, member_unit_ids

from .choices import (
    IN_COUNTY_STATUSES,
    OPEN_STATUSES,
    ApprovalTier,
    LeaveStatus,
    SecondmentStatus,
    TalkerRole,
    TrainingPlanStatus,
)
from .models import Leave, Secondment, Talk
from .selectors import is_leader_of_current_unit, is_liaison_of_sending_unit, is_own_secondment

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


def talker_roles(user, secondment: Secondment) -> tuple[str, ...]:
    """The roles a user may record a talk in: staff any; the current unit's leaders as its leader or
    as the mentor; the sending unit's liaison as the sending unit (the sending side is part of the loop)."""
    if is_org_staff(user):
        return tuple(TalkerRole.values)
    roles: list[str] = []
    if is_leader_of_current_unit(user, secondment):
        roles += [TalkerRole.RECEIVING_LEADER, TalkerRole.MENTOR]
    if is_liaison_of_sending_unit(user, secondment):
        roles.append(TalkerRole.SENDING_UNIT)
    return tuple(roles)


def may_read_talk_notes(user, secondment: Secondment, talk: Talk) -> bool:
    """Staff and the receiving unit's leaders read what was said in every talk; the sending unit's
    liaisons in the talks held in its own role, and in the others only when the setting
    ``LIAISONS_READ_TALK_NOTES`` allows (otherwise they see the kind, date and who talked)."""
    if is_org_staff(user) or is_leader_of_current_unit(user, secondment):
        return True
    if talk.talker_role == TalkerRole.SENDING_UNIT and is_liaison_of_sending_unit(user, secondment):
        return True
    if is_liaison_of_sending_unit(user, secondment):
        return settings.GUAZHI["LIAISONS_READ_TALK_NOTES"]
    # The cadre talked with reads the kind, date and who talked; the notes only when the setting allows.
    return settings.GUAZHI["CADRES_READ_TALK_NOTES"]


def can_complete_follow_up(user, secondment: Secondment, talk: Talk) -> bool:
    """Whoever may talk in the role the talk was held in may close its open follow-up."""
    return (
        secondment.status in OPEN_STATUSES
        and bool(talk.follow_up)
        and talk.follow_up_done_on is None
        and talk.talker_role in talker_roles(user, secondment)
    )


def may_manage_care(user) -> bool:
    """Naming the mentor and filing the training plan are the organization department's."""
    return is_org_staff(user)


def may_host_leave(user, secondment: Secondment) -> bool:
    """Recording requests, returns and cancellations: staff and the current unit's leaders."""
    return is_org_staff(user) or is_leader_of_current_unit(user, secondment)


def may_request_leave(user, secondment: Secondment) -> bool:
    """Whoever hosts leave records a request; the cadre signed in with their own login requests their
    own, and it goes to whoever its tier names, as any request does."""
    return may_host_leave(user, secondment) or is_own_secondment(user, secondment)


@dataclass(frozen=True)
class CareActions:
    talker_roles: tuple[str, ...]
    can_record_talk: bool
    can_name_mentor: bool
    can_file_training_plan: bool
    can_request_leave: bool
    # The receiving unit writes the plan; the organization department approves or returns it.
    can_draft_training_plan: bool = False
    can_decide_training_plan: bool = False


def care_actions(user, secondment: Secondment) -> CareActions:
    """Staff do everything; the current unit's leaders record talks and leave requests; the sending
    unit's liaison records talks in its own role."""
    in_county = secondment.status in IN_COUNTY_STATUSES
    roles = talker_roles(user, secondment)
    return CareActions(
        talker_roles=roles,
        can_record_talk=in_county and bool(roles),
        can_name_mentor=in_county and may_manage_care(user),
        can_file_training_plan=in_county and may_manage_care(user),
        can_request_leave=in_county and may_request_leave(user, secondment),
        can_draft_training_plan=in_county
        and is_leader_of_current_unit(user, secondment)
        and secondment.training_plan_status != TrainingPlanStatus.SUBMITTED,
        can_decide_training_plan=in_county
        and may_manage_care(user)
        and secondment.training_plan_status == TrainingPlanStatus.SUBMITTED,
    )


def holds_approval_tier(user, secondment: Secondment, tier: str) -> bool:
    """Who approves in the system: the current unit's leaders (and staff) the receiving unit's tier,
    staff the county's, the sending unit's liaison the sending side's. Staff record the sending
    side's decision as an outside decision rather than approving in its name."""
    if tier == ApprovalTier.SENDING_SIDE:
        return is_liaison_of_sending_unit(user, secondment)
    if is_org_staff(user):
        return True
    return tier == ApprovalTier.RECEIVING_UNIT and is_leader_of_current_unit(user, secondment)


def may_record_outside_decision(user, secondment: Secondment, tier: str) -> bool:
    """Staff for any tier; the sending unit's liaison for the sending side's."""
    return is_org_staff(user) or (
        tier == ApprovalTier.SENDING_SIDE and is_liaison_of_sending_unit(user, secondment)
    )


def decidable_leave(user) -> Q:
    """Leave a user can settle, in the system or by recording an outside decision, as a filter over
    Leave (for the dashboard and reminders): staff all; leaders and liaisons their tier's."""
    if is_org_staff(user):
        return Q()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    return Q(approval_tier=ApprovalTier.RECEIVING_UNIT, secondment__current_unit__in=led) | Q(
        approval_tier=ApprovalTier.SENDING_SIDE, secondment__sending_unit__in=liaised
    )


@dataclass(frozen=True)
class LeaveActions:
    can_decide: bool
    can_record_outside_decision: bool
    can_report_back: bool
    can_cancel: bool


def leave_actions(
    user, secondment: Secondment, leave: Leave, today: datetime.date | None = None
) -> LeaveActions:
    """What may be done now with one leave of a secondment the user sees."""
    today = today or timezone.localdate()
    open_term = secondment.status in OPEN_STATUSES
    requested = open_term and leave.status == LeaveStatus.REQUESTED
    approved = open_term and leave.status == LeaveStatus.APPROVED
    hosts = may_host_leave(user, secondment)
    return LeaveActions(
        can_decide=requested and holds_approval_tier(user, secondment, leave.approval_tier),
        can_record_outside_decision=requested
        and may_record_outside_decision(user, secondment, leave.approval_tier),
        can_report_back=approved and leave.reported_back_on is None and hosts,
        can_cancel=hosts and (requested or (approved and leave.start_date > today)),
    )
