from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklogConfig(AppConfig):
    name = "worklog"
    verbose_name = _("Work record")

    def ready(self) -> None:
        from assignments.sections import secondment_page

        from .sections import secondment_worklog

        secondment_page.register(secondment_worklog)
