import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from .access import NotVisible

security_log = logging.getLogger("guazhi.security")


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only for the configured proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class SecurityLogMiddleware:
    """Logs every refused access: user id, path and time, no personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, NotVisible):
            outcome = 404
        elif isinstance(exception, PermissionDenied):
            outcome = 403
        else:
            return None
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else "anonymous"
        # One line, the reason on it: Django's own record of a 403 (with a traceback) is
        # dropped by the ForbiddenLoggedOnce filter.
        security_log.warning(
            "access refused status=%s user=%s method=%s path=%s reason=%r",
            outcome,
            user_id,
            request.method,
            request.path,
            str(exception) if outcome == 403 else "",
        )
        return None


class ForbiddenLoggedOnce(logging.Filter):
    """Drops Django's record of a refused action (403 with a traceback): the security log has it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (getattr(record, "status_code", None) == 403 and record.exc_info)


class PrivatePagesMiddleware:
    """Nothing sent to a signed-in user is kept by a browser or a proxy: pages, exports, the
    鉴定表 and attachments all carry personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class ChineseFirstMiddleware:
    """The interface is Chinese unless the user chose another language.

    Drops the browser's Accept-Language before LocaleMiddleware sees it, so the
    language comes from the user's choice (the language cookie) or LANGUAGE_CODE,
    never from how a borrowed or English-language browser happens to be set up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# Set in the session at login when staff have just set the password (cadres.signals).
MUST_CHANGE_PASSWORD = "guazhi_must_change_password"


class PasswordChangeRequiredMiddleware:
    """Someone whose password staff have set is sent to choose their own before anything else;
    changing it (or signing out) is all they can do until then."""

    ALLOWED = ("password_change", "password_change_done", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(MUST_CHANGE_PASSWORD):
            allowed = {reverse(name) for name in self.ALLOWED}
            static = (settings.STATIC_URL or "/static/").rstrip("/") + "/"
            if request.path not in allowed and not request.path.startswith(static):
                return redirect("password_change")
        return self.get_response(request)
