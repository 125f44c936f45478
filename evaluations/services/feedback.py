"""The sending unit's receipt (回执) of the feedback letter (反馈函) on an end-of-term review."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments import services as assignment_services
from assignments.choices import EventAction
from assignments.models import Secondment
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user

from ..choices import FED_BACK_STATUSES
from ..models import TermReview


@transaction.atomic
def acknowledge_feedback(*, review: TermReview, acknowledged_on: datetime.date, actor) -> TermReview:
    """The sending unit confirms it received the feedback letter and the 鉴定表, on a date between the
    day it was sent and today; once only."""
    Secondment.objects.select_for_update().get(pk=review.secondment_id)
    review = (
        TermReview.objects.select_for_update(of=("self",))
        .select_related("secondment__cadre", "secondment__sending_unit")
        .get(pk=review.pk)
    )
    if review.status not in FED_BACK_STATUSES or review.fed_back_on is None:
        raise TransitionError(_("The feedback letter has not been sent yet."))
    if review.acknowledged_on is not None:
        raise TransitionError(
            _("The receipt was already confirmed on %(date)s.") % {"date": long_date(review.acknowledged_on)}
        )
    if acknowledged_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    if acknowledged_on < review.fed_back_on:
        raise TransitionError(
            _("The letter cannot have been received before %(date)s, when it was sent.")
            % {"date": long_date(review.fed_back_on)}
        )
    review.acknowledged_on = acknowledged_on
    review.acknowledged_by = acting_user(actor)
    review.save(update_fields=["acknowledged_on", "acknowledged_by"])
    assignment_services.record_event(
        secondment=review.secondment,
        action=EventAction.REVIEW,
        actor=actor,
        note=_("%(unit)s confirmed receipt of the feedback letter on %(date)s.")
        % {"unit": review.secondment.sending_unit.name, "date": long_date(acknowledged_on)},
    )
    return review
