"""Helpers for tests that archive a review: its intake and exit steps done first."""

import datetime

from assignments import services as assignment_services
from conftest import TODAY
from evaluations import services


def finish_leaving_steps(review, actor, on: datetime.date | None = None) -> None:
    """Tick the intake and exit steps still open, so the review may be archived without a reason."""
    for entry in review.secondment.checklist.filter(done_on__isnull=True):
        assignment_services.complete_checklist_entry(entry=entry, done_on=on or TODAY, actor=actor)
    for entry in review.exit_checklist.filter(done_on__isnull=True):
        services.complete_exit_step(entry=entry, done_on=on or TODAY, actor=actor)
