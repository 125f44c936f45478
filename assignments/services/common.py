"""What every write of this app shares: the timeline line, the row locks, the state check."""

import datetime
import logging

from django.utils import timezone
from django.utils.translation import gettext as _

from guazhi.people import person_name
from guazhi.workflow import TransitionError, acting_user

from ..choices import (
    SecondmentStatus,
)
from ..models import (
    Post,
    Secondment,
    SecondmentEvent,
)

logger = logging.getLogger(__name__)


S = SecondmentStatus


def record_event(
    *,
    secondment: Secondment,
    action: str,
    actor=None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    imported: bool = False,
    at: datetime.datetime | None = None,
    shown_to_sending_unit: bool = True,
) -> SecondmentEvent:
    """Add a line to the secondment's timeline (also used by the apps above this one); a line about
    work in progress is kept from the sending unit's liaisons with ``shown_to_sending_unit=False``."""
    return SecondmentEvent.objects.create(
        secondment=secondment,
        action=action,
        actor=acting_user(actor),
        from_status=from_status,
        to_status=to_status,
        note=note,
        imported=imported,
        at=at or timezone.now(),
        shown_to_sending_unit=shown_to_sending_unit,
    )


def record_events(events: list[SecondmentEvent]) -> list[SecondmentEvent]:
    """Add many timeline lines in one insert (for steps that touch many secondments at once)."""
    for event in events:
        event.actor = acting_user(event.actor)
    return SecondmentEvent.objects.bulk_create(events)


def _lock(secondment: Secondment) -> Secondment:
    return Secondment.objects.select_for_update().select_related("cadre").get(pk=secondment.pk)


def _lock_post(post: Post) -> Post:
    return Post.objects.select_for_update().select_related("unit").get(pk=post.pk)


def _require(secondment: Secondment, allowed: tuple[str, ...], action: str) -> None:
    if secondment.status not in allowed:
        raise TransitionError(
            _("Cannot %(action)s: %(name)s's secondment is %(status)s.")
            % {
                "action": action,
                "name": secondment.cadre.name,
                "status": secondment.get_status_display(),
            }
        )


def _set_status(secondment: Secondment, status: str, *fields: str) -> str:
    previous = secondment.status
    secondment.status = status
    secondment.save(update_fields=["status", *fields])
    return previous


def _person(user) -> str:
    return person_name(user)
