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
    # A routine (平时) appraisal is graded 好 / 较好 / 一般 / 较差, as routine appraisal is by regulation.
    GOOD = "good", pgettext_lazy("routine grade", "Good")
    FAIRLY_GOOD = "fairly_good", pgettext_lazy("routine grade", "Fairly good")
    AVERAGE = "average", pgettext_lazy("routine grade", "Average")
    POOR = "poor", pgettext_lazy("routine grade", "Poor")


# The grades a democratic rating counts votes for (不定等次 is not a vote).
RATED_GRADES = (Grade.EXCELLENT, Grade.COMPETENT, Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT)
# Annual, end-of-term and special appraisals: 优秀 / 称职 / 基本称职 / 不称职, or 不定等次 with the reason.
YEAR_END_GRADES = (*RATED_GRADES, Grade.UNGRADED)
ROUTINE_GRADES = (Grade.GOOD, Grade.FAIRLY_GOOD, Grade.AVERAGE, Grade.POOR)


def grades_for(kind: str) -> tuple[str, ...]:
    """The grades an appraisal of this kind is given: a routine one in its own terms."""
    return ROUTINE_GRADES if kind == RoundKind.ROUTINE else YEAR_END_GRADES


def grade_choices(kind: str) -> list[tuple[str, str]]:
    return [(value, Grade(value).label) for value in grades_for(kind)]


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
