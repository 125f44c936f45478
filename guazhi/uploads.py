"""Documents people attach (self-summaries, plans): checked by size, by extension and by content.

The extension alone says nothing about a file, nor do its first bytes: each
allowed type is opened by a parser of its kind before it is kept. A PDF must
parse as a PDF (pypdf, non-strict, its page tree read); a JPEG or PNG must
decode with Pillow, within a pixel limit; a .docx must pass the zip guard and
hold the parts every Word file has. An old .doc, for which no parser is
installed, is recognised by its signature.
"""

import logging
import os

import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

from .zipguard import DamagedFile, UnsafeFile, check_zip

logger = logging.getLogger(__name__)

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


# The parts every Word document has.
DOCX_PARTS = {"[Content_Types].xml", "word/document.xml"}
# A self-summary or a plan runs to tens of pages; a page tree far larger is not one.
PDF_MAX_PAGES = 2000
IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


def _is_pdf(upload: UploadedFile) -> bool:
    try:
        reader = pypdf.PdfReader(upload, strict=False)
        pages = len(reader.pages)
    except Exception:
        # pypdf fails in many ways on what is not a PDF; the answer is the same.
        logger.info("An upload named %s does not parse as a PDF", upload.name, exc_info=True)
        return False
    return 0 < pages <= PDF_MAX_PAGES


def _is_image(upload: UploadedFile, extension: str) -> bool:
    try:
        with Image.open(upload, formats=[IMAGE_FORMATS[extension]]) as image:
            width, height = image.size
            limit = settings.GUAZHI["UPLOAD_MAX_PIXELS"]
            if width * height > limit:
                raise ValidationError(
                    _("The image is %(width)d × %(height)d pixels; at most %(limit)d pixels are accepted.")
                    % {"width": width, "height": height, "limit": limit},
                    code="too_many_pixels",
                )
            image.load()
    except ValidationError:
        raise
    except Exception:
        return False
    return True


def _is_word_document(upload: UploadedFile) -> bool:
    try:
        names = check_zip(upload)
    except DamagedFile:
        return False
    except UnsafeFile as refused:
        raise ValidationError(refused.message, code="unsafe") from None
    return set(names) >= DOCX_PARTS


def _content_matches(upload: UploadedFile, extension: str) -> bool:
    upload.seek(0)
    try:
        if extension == ".docx":
            return _is_word_document(upload)
        head = upload.read(16)
        if not any(head.startswith(signature) for signature in _SIGNATURES[extension]):
            return False
        upload.seek(0)
        if extension == ".pdf":
            return _is_pdf(upload)
        if extension in IMAGE_FORMATS:
            return _is_image(upload, extension)
        return True
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
