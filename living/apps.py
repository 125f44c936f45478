from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivingConfig(AppConfig):
    name = "living"
    verbose_name = _("Life support")

    def ready(self) -> None:
        from assignments.sections import secondment_page

        from .sections import secondment_living

        secondment_page.register(secondment_living)
