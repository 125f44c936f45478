"""The dashboard's watch over appraisals (registered with oversight.watch)."""

from django.utils.translation import gettext as _

from evaluations.selectors import overdue_appraisals

from .watch import DANGER, RegisteredWatch, Watch


def _overdue_watch() -> Watch:
    return Watch(
        "appraisal_overdue",
        _("Appraisals past their due date"),
        _(
            "Appraisals the receiving unit has not filed by the round's due date; its leaders file them from their home page."
        ),
        _("Appraisal due by"),
        _("Days overdue"),
        DANGER,
        neglect=True,
    )


overdue_appraisals_watch = RegisteredWatch(
    "appraisal_overdue", _overdue_watch, overdue_appraisals, "due_date"
)
