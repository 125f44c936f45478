from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "assignments"
    verbose_name = _("Secondments and posts")

    def ready(self) -> None:
        from cadres.sections import cadre_page
        from cadres.selectors import register_cadre_visibility

        from .cadre_sections import cadre_secondments
        from .selectors import cadres_through_secondments

        register_cadre_visibility(cadres_through_secondments)
        cadre_page.register(cadre_secondments)
