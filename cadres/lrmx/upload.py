"""A .lrmx file uploaded on a page that adds or edits a cadre: read, matched, and kept in the
session until the officer has checked the form and saved it."""

import os
import secrets
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Cadre
from ..photos import keep_pending
from ..selectors import cadres_visible_to
from .filling import Filling, as_session, changes_for, fill_from, from_session
from .reading import LrmxRefused, read_lrmx

FILE_FIELD = "lrmx_file"
APPLY_FIELD = "lrmx_apply"
SESSION_KEY = "lrmx_files"
# Files a session keeps for comparison at once; older ones are forgotten.
SESSION_FILES = 5
# Files read on a page that keeps the file itself once saved (a nomination), until then.
KEPT_FILES_DIR = "lrmx_uploads"
KEPT_FILES_KEY = "lrmx_kept_files"


class LrmxUploadForm(forms.Form):
    lrmx_file = forms.FileField(
        label=gettext_lazy("干部任免审批表 file (.lrmx)"),
        help_text=gettext_lazy("The form is filled from the file; check it and save."),
    )

    def clean_lrmx_file(self):
        upload = self.cleaned_data[FILE_FIELD]
        if os.path.splitext(upload.name or "")[1].lower() not in (".lrmx", ".xml"):
            raise ValidationError(_("Upload a .lrmx file."), code="extension")
        limit = settings.GUAZHI["LRMX_MAX_BYTES"]
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the largest .lrmx file accepted is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        try:
            return read_lrmx(upload)
        except LrmxRefused as refused:
            raise ValidationError(refused.message, code="refused") from None


@dataclass
class Uploaded:
    filling: Filling
    existing: Cadre | None
    key: str


def is_upload(request: HttpRequest) -> bool:
    return request.method == "POST" and FILE_FIELD in request.FILES


def read_upload(request: HttpRequest) -> tuple[LrmxUploadForm, Uploaded | None]:
    """Read the uploaded file; the form carries the reason a file is refused. The photograph and
    the values are kept in the session; the warnings are shown as messages."""
    form = LrmxUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, None
    filling = fill_from(form.cleaned_data[FILE_FIELD])
    token = keep_pending(filling.photo, request.session) if filling.photo else ""
    filling.initial["photo_token"] = token
    for warning in filling.warnings:
        messages.warning(request, warning)
    number = filling.initial.get("id_number")
    existing = cadres_visible_to(request.user).filter(id_number=number).first() if number else None
    key = secrets.token_urlsafe(12)
    kept = request.session.get(SESSION_KEY, {})
    kept = dict(list(kept.items())[-(SESSION_FILES - 1) :])
    kept[key] = as_session(filling, token)
    request.session[SESSION_KEY] = kept
    return form, Uploaded(filling, existing, key)


def comparison_page(
    request: HttpRequest, uploaded: Uploaded, cadre: Cadre, *, register_url: str = ""
) -> HttpResponse:
    """Field by field, what the file would change on a cadre already on file, each with a box to tick."""
    return render(
        request,
        "cadres/lrmx_compare.html",
        {
            "cadre": cadre,
            "changes": changes_for(cadre, uploaded.filling),
            "key": uploaded.key,
            "apply_field": APPLY_FIELD,
            "register_url": register_url,
            "other_person": uploaded.filling.initial.get("id_number") not in ("", cadre.id_number),
        },
    )


def chosen_values(request: HttpRequest, cadre: Cadre) -> dict | None:
    """The edit form's arguments with the values the officer chose from a compared file (the rest
    as on file), or None when the request does not apply one."""
    if request.method != "POST" or APPLY_FIELD not in request.POST:
        return None
    kept = request.session.get(SESSION_KEY, {}).get(request.POST[APPLY_FIELD])
    if kept is None:
        messages.error(request, _("The uploaded file is no longer kept; upload it again."))
        return {}
    initial, family, photo_token = from_session(kept)
    chosen = set(request.POST.getlist("field"))
    values = {name: value for name, value in initial.items() if name in chosen}
    if "photo" in chosen:
        values["photo_token"] = photo_token
    kwargs = {"initial": values}
    if "family" in chosen:
        kwargs["family_initial"] = family
    if not chosen:
        messages.info(request, _("No value from the file was chosen; nothing is changed."))
    return kwargs


def keep_file(request: HttpRequest) -> str:
    """Keep the uploaded file, already checked and read, for this session until the page that
    will attach it is sent; its token."""
    upload = request.FILES[FILE_FIELD]
    upload.seek(0)
    token = secrets.token_urlsafe(18)
    default_storage.save(f"{KEPT_FILES_DIR}/{token}.lrmx", ContentFile(upload.read()))
    kept = request.session.get(KEPT_FILES_KEY, [])[-(SESSION_FILES - 1) :]
    request.session[KEPT_FILES_KEY] = [*kept, token]
    return token


def kept_file(token: str, session) -> bytes | None:
    """The file this session kept under ``token``, or None when there is none (any more)."""
    if not token or session is None or token not in session.get(KEPT_FILES_KEY, []):
        return None
    path = f"{KEPT_FILES_DIR}/{token}.lrmx"
    if not default_storage.exists(path):
        return None
    limit = settings.GUAZHI["LRMX_MAX_BYTES"]
    with default_storage.open(path, "rb") as handle:
        content = handle.read(limit + 1)
    return content if len(content) <= limit else None


def forget_file(token: str, session) -> None:
    """The kept file is attached now: delete it."""
    if token and token in session.get(KEPT_FILES_KEY, []):
        default_storage.delete(f"{KEPT_FILES_DIR}/{token}.lrmx")
        session[KEPT_FILES_KEY] = [kept for kept in session[KEPT_FILES_KEY] if kept != token]


def filled_form_kwargs(uploaded: Uploaded) -> dict:
    """A new cadre's form arguments: every value the file gives."""
    return {"initial": uploaded.filling.initial, "family_initial": uploaded.filling.family}
