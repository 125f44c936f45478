from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PostStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("post status", "Open")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExpectedLevel(models.TextChoices):
    DIVISION = "division", _("Division level")
    SECTION = "section", _("Section level")
    ANY = "any", _("Any level")


class SecondmentStatus(models.TextChoices):
    EXPECTED = "expected", _("Expected")
    AWAITING_POST = "awaiting_post", _("Awaiting a post")
    IN_POST = "in_post", _("In post")
    UNDER_REVIEW = "under_review", _("End-of-term review")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")


OPEN_STATUSES = (
    SecondmentStatus.EXPECTED,
    SecondmentStatus.AWAITING_POST,
    SecondmentStatus.IN_POST,
    SecondmentStatus.UNDER_REVIEW,
)
SERVING_STATUSES = (SecondmentStatus.IN_POST, SecondmentStatus.UNDER_REVIEW)
# Reported and not yet gone: the states in which a cadre is looked after in the county.
IN_COUNTY_STATUSES = (SecondmentStatus.AWAITING_POST, SecondmentStatus.IN_POST, SecondmentStatus.UNDER_REVIEW)


class EndReason(models.TextChoices):
    TERM_COMPLETED = "term_completed", _("Term completed")
    ENDED_EARLY = "ended_early", _("Ended early")
    EXTENDED = "extended", _("Extended")
    RETAINED = "retained", _("Retained in the county")


class EventAction(models.TextChoices):
    REGISTER = "register", _("Registered")
    REPORT = "report", _("Reported for duty")
    ASSIGN = "assign", _("Placed in a post")
    REASSIGN = "reassign", _("Moved to another post")
    EXTEND = "extend", _("Term extended")
    END_EARLY = "end_early", _("Ended early")
    START_REVIEW = "start_review", _("End-of-term review started")
    ARCHIVE = "archive", _("Archived")
    CHECKLIST = "checklist", _("Intake step done")
    MENTOR = "mentor", _("Mentor named")
    TRAINING_PLAN = "training_plan", _("Training plan filed")
    TALK = "talk", _("Talk recorded")
    LEAVE = "leave", _("Leave")
    APPRAISAL = "appraisal", _("Appraisal")
    REVIEW = "review", _("End-of-term review")
    IMPORT = "import", _("Imported")
    RESERVE = "reserve", _("Seat reserved")
    RELEASE = "release", _("Seat released")
    LIVING = "living", _("Life support")
    CARE_VISIT = "care_visit", _("Care visit")


class ChecklistTrigger(models.TextChoices):
    """What ticks an intake step by itself when it is recorded elsewhere on the secondment."""

    NONE = "", _("Ticked by hand")
    ARRIVAL_TALK = "arrival_talk", _("An arrival talk is recorded")
    MENTOR = "mentor", _("The mentor is named")
    TRAINING_PLAN = "training_plan", _("The training plan is filed")
    HOUSING = "housing", _("Housing is recorded")


class TalkKind(models.TextChoices):
    ARRIVAL = "arrival", _("Arrival talk")
    ROUTINE = "routine", _("Routine talk")
    REMINDER = "reminder", _("Admonishing talk")
    TERM_END = "term_end", _("End-of-term talk")
    DEPARTURE = "departure", _("Departure talk")


class TalkerRole(models.TextChoices):
    ORG_DEPARTMENT = "org_department", _("Organization department")
    RECEIVING_LEADER = "receiving_leader", _("Receiving-unit leader")
    MENTOR = "mentor", _("Mentor")
    SENDING_UNIT = "sending_unit", _("Sending unit")


class LeaveKind(models.TextChoices):
    PERSONAL = "personal", _("Personal leave")
    SICK = "sick", _("Sick leave")
    ANNUAL = "annual", _("Annual leave")
    FAMILY_VISIT = "family_visit", _("Family-visit leave")
    MARRIAGE_FUNERAL = "marriage_funeral", _("Marriage or bereavement leave")
    OFFICIAL_TRIP = "official_trip", _("Official trip")
    HOME_UNIT = "home_unit", _("Back at the sending unit")


class ApprovalTier(models.TextChoices):
    RECEIVING_UNIT = "receiving_unit", _("Receiving unit")
    COUNTY = "county", _("County organization department")
    SENDING_SIDE = "sending_side", _("Sending side")


class LeaveStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class TrainingPlanStatus(models.TextChoices):
    """The plan the receiving unit writes (接收单位制定培养计划) and the organization department approves."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for revision")


# A cadre not yet placed, for whom a post's seat may be held apart (reserved).
RESERVING_STATUSES = (SecondmentStatus.EXPECTED, SecondmentStatus.AWAITING_POST)
