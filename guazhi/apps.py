from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuazhiConfig(AppConfig):
    name = "guazhi"
    verbose_name = _("guazhi")

    def ready(self) -> None:
        from . import lookups  # noqa: F401  (registers the integer lookups)
