"""django-axes (login attempts and lockouts) as the administration shows it: in Chinese."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes (login throttling), in Chinese in the administration."""

    verbose_name = _("Login attempts and lockouts")

    def ready(self) -> None:
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        # The administration names each row by its str(), which django-axes writes in English.
        AccessAttempt.__str__ = _named(_("Sign-in attempts by %(user)s, last at %(time)s"))
        AccessFailureLog.__str__ = _named(_("Failed sign-in by %(user)s at %(time)s"))
        AccessLog.__str__ = _named(_("Sign-in by %(user)s at %(time)s"))


def _named(text):
    def __str__(record) -> str:
        from .dates import long_datetime

        when = long_datetime(record.attempt_time) if record.attempt_time else ""
        return str(text) % {"user": record.username or "", "time": when}

    return __str__
