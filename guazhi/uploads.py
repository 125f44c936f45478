"""Attached files (training plans, self-summaries): checked by size, by name and by content.

A file's extension alone proves nothing, so the first bytes must match the
format the name claims. Files are kept through Django's storage API and served
only by views that check who may see them, never from a public media URL.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

_PDF = b"%PDF-"
_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")  # the legacy .doc container
_ZIP = b"PK\x03\x04"
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"

ALLOWED_EXTENSIONS = ("pdf", "doc", "docx", "jpg", "jpeg", "png")


def _is_docx(upload) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def _content_matches(extension: str, upload) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(_PDF)
    if extension == "doc":
        return head.startswith(_OLE2)
    if extension == "docx":
        return head.startswith(_ZIP) and _is_docx(upload)
    if extension in ("jpg", "jpeg"):
        return head.startswith(_JPEG)
    if extension == "png":
        return head.startswith(_PNG)
    return False


def check_attachment(upload) -> None:
    """Raise ValidationError unless the upload is a PDF, Word document or JPEG/PNG image within the size limit."""
    limit = settings.GUAZHI["UPLOAD_MAX_BYTES"]
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; files of at most %(limit)s are accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Attach a PDF, a Word document (.doc, .docx) or a JPG/PNG image."), code="extension"
        )
    if not _content_matches(extension, upload):
        raise ValidationError(
            _("The file's content is not a .%(extension)s file; it may be damaged or renamed.")
            % {"extension": extension},
            code="content",
        )
