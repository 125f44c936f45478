"""The forms staff use on a unit's page to manage the people who act for it."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guazhi.forms import form_helper

from .choices import MembershipRole
from .models import Unit

EXISTING, NEW = "existing", "new"


def roles_for(unit: Unit) -> list[tuple[str, str]]:
    """A receiving unit has leaders, a sending unit liaisons; a unit that does both, either."""
    roles = []
    if unit.receives or not unit.sends:
        roles.append((MembershipRole.LEADER.value, MembershipRole.LEADER.label))
    if unit.sends:
        roles.append((MembershipRole.LIAISON.value, MembershipRole.LIAISON.label))
    return roles


class AddPersonForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("role"))
    who = forms.ChoiceField(
        label=gettext_lazy("Who"),
        choices=[
            (NEW, gettext_lazy("A new login")),
            (EXISTING, gettext_lazy("Someone who already has a login")),
        ],
        initial=NEW,
        widget=forms.RadioSelect,
    )
    existing_username = forms.CharField(
        label=gettext_lazy("Their login"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("For someone who already has a login."),
    )
    username = forms.CharField(
        label=gettext_lazy("New login"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Letters, digits and @ . + - _ only, e.g. ld_linye."),
    )
    family_name = forms.CharField(label=gettext_lazy("family name"), max_length=150, required=False)
    given_name = forms.CharField(label=gettext_lazy("given name"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("email"), required=False)
    password = forms.CharField(
        label=gettext_lazy("First password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Tell it to them in person; they must choose their own at the first login."),
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles_for(unit)
        self.helper = form_helper(_("Add"))

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if username:
            get_user_model().username_validator(username)
        return username

    def clean(self):
        data = super().clean()
        if data.get("who") == EXISTING:
            name = (data.get("existing_username") or "").strip()
            user = get_user_model().objects.filter(username=name).first() if name else None
            if user is None:
                self.add_error(
                    "existing_username", _("No login %(username)s is on file.") % {"username": name}
                )
            elif not user.is_active:
                self.add_error("existing_username", _("This account is deactivated."))
            data["user"] = user
            return data
        for field in ("username", "family_name", "given_name", "password"):
            if not data.get(field):
                self.add_error(field, _("Required for a new login."))
        if data.get("password"):
            try:
                password_validation.validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ResetPasswordForm(SetPasswordForm):
    """A new password set by staff; its holder must change it at the next login."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Set the password"))
