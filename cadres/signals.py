"""At login, note in the session whether its holder must first choose a new password (see
``guazhi.middleware.PasswordChangeRequiredMiddleware``): one query per login, none per page."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from guazhi.middleware import MUST_CHANGE_PASSWORD

from .models import Account


@receiver(user_logged_in, dispatch_uid="cadres.must_change_password")
def note_password_to_change(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        if Account.objects.filter(user=user, must_change_password=True).exists():
            request.session[MUST_CHANGE_PASSWORD] = True
        else:
            request.session.pop(MUST_CHANGE_PASSWORD, None)
