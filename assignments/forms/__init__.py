"""The forms of the secondment pages; they validate and normalise, the services decide."""

from .care import (
    AttendancePeriodForm,
    LeaveDecisionForm,
    LeaveRequestForm,
    MentorForm,
    OutsideDecisionForm,
    TalkForm,
    TrainingPlanForm,
)
from .secondments import (
    AssignForm,
    DateForm,
    EndEarlyForm,
    ExtendForm,
    PlanAcceptForm,
    PostFilter,
    PostForm,
    ReassignForm,
    RosterUploadForm,
    SecondmentEditForm,
    SecondmentFilter,
    SecondmentForm,
)

__all__ = [
    "AssignForm",
    "AttendancePeriodForm",
    "DateForm",
    "EndEarlyForm",
    "ExtendForm",
    "LeaveDecisionForm",
    "LeaveRequestForm",
    "MentorForm",
    "OutsideDecisionForm",
    "PlanAcceptForm",
    "PostFilter",
    "PostForm",
    "ReassignForm",
    "RosterUploadForm",
    "SecondmentEditForm",
    "SecondmentFilter",
    "SecondmentForm",
    "TalkForm",
    "TrainingPlanForm",
]
