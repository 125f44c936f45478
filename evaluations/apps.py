from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Appraisals")

    def ready(self) -> None:
        from assignments.sections import secondment_page

        from .sections import secondment_appraisals

        secondment_page.register(secondment_appraisals)
