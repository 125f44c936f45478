from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """The top of the import order: what reads cadres, secondments and appraisals together."""

    name = "oversight"
    verbose_name = _("Oversight")
