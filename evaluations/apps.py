from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Appraisals")

    def ready(self) -> None:
        from assignments.reports import register_summary_tables
        from assignments.sections import secondment_page
        from assignments.watch import register_watch

        from .reports import grades_by_round
        from .sections import secondment_appraisals
        from .watch import overdue_appraisals_watch

        secondment_page.register(secondment_appraisals)
        register_summary_tables(grades_by_round)
        register_watch(overdue_appraisals_watch)
