"""Documents people attach (self-summaries, plans): checked by size, by extension and by content.

The extension alone says nothing about a file; each allowed type is also
recognised by its first bytes (and a .docx by the part every Word file has),
so a renamed executable or a web page never reaches the storage.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}

DOCUMENT_EXTENSIONS = tuple(CONTENT_TYPES)


def _is_word_document(upload: UploadedFile) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _content_matches(upload: UploadedFile, extension: str) -> bool:
    upload.seek(0)
    try:
        if extension == ".docx":
            return _is_word_document(upload)
        head = upload.read(16)
        return any(head.startswith(signature) for signature in _SIGNATURES[extension])
    finally:
        upload.seek(0)


def validate_document(upload: UploadedFile) -> None:
    """Refuse a file that is too large, of a type not accepted, or whose content is not what its name says."""
    limit = settings.GUAZHI["UPLOAD_MAX_BYTES"]
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in CONTENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, Word (.doc, .docx), JPEG or PNG file."),
            code="extension",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if not _content_matches(upload, extension):
        raise ValidationError(
            _("The file's content is not a %(type)s file, whatever its name says.")
            % {"type": extension.lstrip(".").upper()},
            code="content",
        )


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(name)[1].lower(), "application/octet-stream")
