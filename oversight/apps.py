from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """The top of the import order: what reads cadres, secondments and appraisals together."""

    name = "oversight"
    verbose_name = _("Oversight")

    def ready(self) -> None:
        from assignments.sections import secondment_page

        from .sections import secondment_alerts

        secondment_page.register(secondment_alerts)
