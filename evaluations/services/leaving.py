"""Leaving as a step of its own: the exit checklist (离任手续) a review opens, ticked by staff, and
what archiving asks while intake or exit steps are still open."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments import services as assignment_services
from assignments.choices import EventAction, SecondmentStatus
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user

from ..models import ExitChecklistEntry, ExitChecklistItem, TermReview
from ..selectors import open_steps


def open_exit_checklist(review: TermReview) -> None:
    """Give a review that starts every exit step in use, open; steps it already has are kept."""
    ExitChecklistEntry.objects.bulk_create(
        [
            ExitChecklistEntry(review=review, item=item)
            for item in ExitChecklistItem.objects.filter(active=True)
        ],
        ignore_conflicts=True,
    )


def _lock_entry(entry: ExitChecklistEntry) -> ExitChecklistEntry:
    entry = (
        ExitChecklistEntry.objects.select_for_update(of=("self",))
        .select_related("item", "review__secondment")
        .get(pk=entry.pk)
    )
    if entry.review.secondment.status != SecondmentStatus.UNDER_REVIEW:
        raise TransitionError(_("The review is archived; its exit steps can no longer change."))
    return entry


@transaction.atomic
def complete_exit_step(*, entry: ExitChecklistEntry, done_on: datetime.date, actor) -> ExitChecklistEntry:
    """Tick an exit step as done on a date."""
    entry = _lock_entry(entry)
    if entry.done_on is not None:
        raise TransitionError(_("This step is already done."))
    if done_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    entry.done_on = done_on
    entry.done_by = acting_user(actor)
    entry.save(update_fields=["done_on", "done_by"])
    assignment_services.record_event(
        secondment=entry.review.secondment,
        action=EventAction.REVIEW,
        actor=actor,
        note=_("%(item)s, %(date)s") % {"item": entry.item.name, "date": long_date(done_on)},
    )
    return entry


@transaction.atomic
def reopen_exit_step(*, entry: ExitChecklistEntry, actor) -> ExitChecklistEntry:
    """Undo an exit step ticked by mistake."""
    entry = _lock_entry(entry)
    if entry.done_on is None:
        raise TransitionError(_("This step is not done yet."))
    entry.done_on = None
    entry.done_by = None
    entry.save(update_fields=["done_on", "done_by"])
    assignment_services.record_event(
        secondment=entry.review.secondment,
        action=EventAction.REVIEW,
        actor=actor,
        note=_("%(item)s marked as not done") % {"item": entry.item.name},
    )
    return entry


def check_open_steps(review: TermReview, reason: str) -> str:
    """Archiving waits for the intake and exit steps, unless staff say why it goes ahead without them;
    the reason kept (empty when every step is done)."""
    still_open = open_steps(review)
    if not still_open:
        return ""
    if not reason.strip():
        raise TransitionError(
            _("Steps are still open: %(steps)s. Finish them, or give the reason for archiving without them.")
            % {"steps": "、".join(still_open)}
        )
    return reason.strip()
