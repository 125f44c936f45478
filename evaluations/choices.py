from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoundKind(models.TextChoices):
    ROUTINE = "routine", _("Routine appraisal")
    ANNUAL = "annual", _("Annual appraisal")
    TERM_END = "term_end", _("End-of-term appraisal")
    SPECIAL = "special", _("Special appraisal")


class RoundStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("round status", "Open")
    CLOSED = "closed", pgettext_lazy("round status", "Closed")


class AppraisalStatus(models.TextChoices):
    PENDING = "pending", _("To be filed")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    CONFIRMED = "confirmed", _("Confirmed")


# What the receiving unit still has to file.
TO_FILE = (AppraisalStatus.PENDING, AppraisalStatus.RETURNED)


class Rating(models.TextChoices):
    GOOD = "good", pgettext_lazy("rating", "Good")
    FAIRLY_GOOD = "fairly_good", pgettext_lazy("rating", "Fairly good")
    AVERAGE = "average", pgettext_lazy("rating", "Average")
    POOR = "poor", pgettext_lazy("rating", "Poor")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASICALLY_COMPETENT = "basically_competent", _("Basically competent")
    INCOMPETENT = "incompetent", _("Incompetent")
    UNGRADED = "ungraded", _("No grade given")


# The grades a democratic rating counts votes for (不定等次 is not a vote).
RATED_GRADES = (Grade.EXCELLENT, Grade.COMPETENT, Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT)

# The five aspects every appraisal rates: 德, 能, 勤, 绩, 廉.
ASPECTS = ("morality", "ability", "diligence", "achievement", "integrity")


class ReviewStatus(models.TextChoices):
    COLLECTING = "collecting", _("Collecting materials")
    APPRAISED = "appraised", _("Unit appraisal confirmed")
    REVIEWED = "reviewed", _("Reviewed by the organization department")
    FED_BACK = "fed_back", _("Fed back to the sending unit")
    ARCHIVED = "archived", pgettext_lazy("review status", "Archived")


# Once fed back, the sending unit's liaisons may read the result.
FED_BACK_STATUSES = (ReviewStatus.FED_BACK, ReviewStatus.ARCHIVED)
