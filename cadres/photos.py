"""A cadre's photograph: checked before it is kept, whether uploaded or read from a .lrmx file.

Only a JPEG or a PNG is kept, within a size and a pixel limit, and only once
Pillow has decoded it whole; the page serves it through a view that asks who
may see the cadre.
"""

import datetime
import io
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png"}
CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png"}
PENDING_DIR = "cadre_photo_uploads"


def photo_extension(content: bytes) -> str:
    """The extension the photograph is kept under (.jpg or .png), or a ValidationError saying why
    it is not accepted."""
    limit = settings.GUAZHI["PHOTO_MAX_BYTES"]
    if len(content) > limit:
        raise ValidationError(
            _("The photograph is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(len(content)), "limit": filesizeformat(limit)},
            code="too_large",
        )
    try:
        with Image.open(io.BytesIO(content), formats=list(PHOTO_FORMATS)) as image:
            width, height = image.size
            pixels = settings.GUAZHI["PHOTO_MAX_PIXELS"]
            if width * height > pixels:
                raise ValidationError(
                    _(
                        "The photograph is %(width)d × %(height)d pixels; at most %(limit)d pixels are accepted."
                    )
                    % {"width": width, "height": height, "limit": pixels},
                    code="too_many_pixels",
                )
            image.load()
            kind = image.format
    except ValidationError:
        raise
    except Exception:
        # Pillow fails in many ways on what is not an image; the answer is the same.
        raise ValidationError(
            _("The photograph is not a readable JPEG or PNG image."), code="unreadable"
        ) from None
    return PHOTO_FORMATS[kind]


def checked_photo(content: bytes) -> ContentFile:
    """The photograph as a file to keep, named by its kind; a ValidationError if it is refused."""
    extension = photo_extension(content)
    return ContentFile(content, name=f"photo{extension}")


def checked_upload(upload) -> ContentFile:
    """An uploaded photograph, its size checked before it is read."""
    limit = settings.GUAZHI["PHOTO_MAX_BYTES"]
    if upload.size > limit:
        raise ValidationError(
            _("The photograph is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    return checked_photo(upload.read())


def content_type_of(name: str) -> str:
    for extension, content_type in CONTENT_TYPES.items():
        if name.lower().endswith(extension):
            return content_type
    return "application/octet-stream"


SESSION_KEY = "pending_photos"
# A photograph read from a file and never saved is forgotten after this long.
PENDING_MAX_AGE = datetime.timedelta(days=1)
# The tokens a session keeps at once; older ones are forgotten.
SESSION_TOKENS = 20


def keep_pending(content: bytes, session) -> str:
    """Keep a checked photograph read from a file until the officer saves the form, for this
    session only; its token."""
    _purge_stale()
    token = secrets.token_urlsafe(18)
    default_storage.save(pending_path(token), ContentFile(content))
    session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-(SESSION_TOKENS - 1) :], token]
    return token


def pending_path(token: str) -> str:
    return f"{PENDING_DIR}/{token}.img"


def is_pending(token: str, session) -> bool:
    """Whether ``token`` names a photograph this session read from a file."""
    return bool(token) and session is not None and token in session.get(SESSION_KEY, [])


def pending_photo(token: str, session) -> ContentFile | None:
    """The photograph this session kept under ``token``, checked again, or None when there is none."""
    if not is_pending(token, session):
        return None
    path = pending_path(token)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        content = handle.read(settings.GUAZHI["PHOTO_MAX_BYTES"] + 1)
    try:
        return checked_photo(content)
    except ValidationError:
        return None


def _purge_stale() -> None:
    try:
        _dirs, files = default_storage.listdir(PENDING_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - PENDING_MAX_AGE
    for file_name in files:
        path = f"{PENDING_DIR}/{file_name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except FileNotFoundError:
            continue
