"""Every change of a secondment's state, and the writes that go with it, by capability.

Each transition takes keyword-only arguments, runs in one transaction,
re-reads its rows with ``select_for_update`` (secondment first, then post,
always in that order), checks the current state, raises ``TransitionError``
with a readable message when the step is not allowed, and writes a timeline
event. Nothing outside this package assigns ``Secondment.status``. Callers
import from ``assignments.services``; the modules are the rooms they live in.
"""

# Last: the roster's writes use the helpers above.
from ..roster.importing import import_roster
from .care import (
    complete_follow_up,
    correct_talk,
    file_training_plan,
    name_mentor,
    record_reminders_sent,
    record_talk,
    refresh_last_talk,
    remove_talk,
)
from .common import record_event, record_events
from .leave import (
    LIVE_LEAVE,
    approval_tier_for,
    approve_leave,
    cancel_leave,
    record_outside_approval,
    reject_leave,
    report_back,
    request_leave,
)
from .placement import (
    PlanAcceptance,
    PlanLine,
    accept_plan,
    assign,
    create_post,
    edit_post,
    failed_tests,
    placement_note,
    post_change_refusals,
    reassign,
    reopen_post,
    withdraw_post,
)
from .secondments import (
    complete_checklist_entry,
    complete_secondment,
    edit_secondment,
    end_early,
    extend_term,
    register_secondment,
    reopen_checklist_entry,
    report_arrival,
    review_may_start,
    review_offered_from,
    start_checklists,
    start_review,
    term_change_refusal,
    term_dates_editable,
)
from .training_plan import approve_training_plan, draft_training_plan, return_training_plan

__all__ = [
    "LIVE_LEAVE",
    "PlanAcceptance",
    "PlanLine",
    "accept_plan",
    "approval_tier_for",
    "approve_leave",
    "approve_training_plan",
    "assign",
    "cancel_leave",
    "complete_checklist_entry",
    "complete_follow_up",
    "complete_secondment",
    "correct_talk",
    "create_post",
    "draft_training_plan",
    "edit_post",
    "edit_secondment",
    "end_early",
    "extend_term",
    "failed_tests",
    "file_training_plan",
    "import_roster",
    "name_mentor",
    "placement_note",
    "post_change_refusals",
    "reassign",
    "record_event",
    "record_events",
    "record_outside_approval",
    "record_reminders_sent",
    "record_talk",
    "refresh_last_talk",
    "register_secondment",
    "reject_leave",
    "remove_talk",
    "reopen_checklist_entry",
    "reopen_post",
    "report_arrival",
    "report_back",
    "request_leave",
    "return_training_plan",
    "review_may_start",
    "review_offered_from",
    "start_checklists",
    "start_review",
    "term_change_refusal",
    "term_dates_editable",
    "withdraw_post",
]
