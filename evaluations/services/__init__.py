"""Every step of an appraisal and of the end-of-term review, and the writes that go with it.

Each step takes keyword-only arguments, runs in one transaction, re-reads its
rows with ``select_for_update`` (the secondment before its review; an
appraisal before its round or its review), checks the current state, raises
``TransitionError`` with a readable message when the step is not allowed,
and writes a line on the secondment's timeline. Nothing outside this package
assigns the status of a round, an appraisal or a review.

Timeline notes carry no grades: the sending unit's liaisons read the
timeline, and they see results only once they are confirmed or fed back.
The lines about an appraisal in progress (asked for, filed, returned) are
written ``shown_to_sending_unit=False``; its confirmation is shown.
"""

from .appraisals import (
    FILED_FIELDS,
    close_round,
    confirm_appraisal,
    edit_round,
    extend_round,
    file_appraisal,
    open_round,
    return_appraisal,
    save_appraisal_draft,
)
from .feedback import acknowledge_feedback
from .leaving import complete_exit_step, reopen_exit_step
from .reviews import (
    RATING_FIELDS,
    archive_review,
    record_democratic_rating,
    record_feedback,
    record_org_opinion,
    record_self_summary,
    start_term_review,
)

__all__ = [
    "FILED_FIELDS",
    "RATING_FIELDS",
    "acknowledge_feedback",
    "archive_review",
    "close_round",
    "complete_exit_step",
    "confirm_appraisal",
    "edit_round",
    "extend_round",
    "file_appraisal",
    "open_round",
    "record_democratic_rating",
    "record_feedback",
    "record_org_opinion",
    "record_self_summary",
    "reopen_exit_step",
    "return_appraisal",
    "save_appraisal_draft",
    "start_term_review",
]
