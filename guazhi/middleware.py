import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

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
        security_log.warning(
            "access refused status=%s user=%s method=%s path=%s",
            outcome,
            user_id,
            request.method,
            request.path,
        )
        return None


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
