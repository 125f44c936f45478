from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    MORE_REQUESTED = "more_requested", _("Another candidate asked for")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A nomination still in play: waiting for a decision, or accepted.
LIVE_NOMINATIONS = (NominationStatus.PROPOSED, NominationStatus.ACCEPTED)
