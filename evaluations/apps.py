from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Appraisals")

    def ready(self) -> None:
        from assignments.sections import secondment_page
        from oversight.appraisal_tables import grades_by_round
        from oversight.appraisal_watch import overdue_appraisals_watch
        from oversight.summary import register_summary_tables
        from oversight.watch import register_watch

        from .sections import secondment_appraisals

        secondment_page.register(secondment_appraisals)
        register_summary_tables(grades_by_round)
        register_watch(overdue_appraisals_watch)
