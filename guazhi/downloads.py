"""Files sent to the browser: every download goes out through here, under its Chinese name.

Browsers show ``filename*`` (RFC 5987: UTF-8, percent-encoded) and fall back to
``filename`` when they cannot read it; the fallback is the name in pinyin, in
the few characters every client reads safely.
"""

import re
from pathlib import PurePath
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse
from pypinyin import lazy_pinyin

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Anything but these is dropped from the ASCII name (quotes, backslashes, separators, controls).
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9._()\-]+")
_FALLBACK_STEM_LENGTH = 80
# A name longer than this is cut (keeping its extension): browsers and file systems refuse very long ones.
_NAME_LENGTH = 120


def _clean(name: str) -> str:
    """The name without path separators or control characters, at a length every system accepts."""
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '/\\"').strip(" .") or "download"
    if len(name) > _NAME_LENGTH:
        suffix = PurePath(name).suffix[:10]
        name = name[: _NAME_LENGTH - len(suffix)] + suffix
    return name


def ascii_name(name: str) -> str:
    """The name as plain ASCII for old clients: 2023年以来挂职干部工作情况.docx → 2023nianyilaiguazhiganbugongzuoqingkuang.docx."""
    path = PurePath(name)
    suffix = _NOT_PLAIN.sub("", path.suffix)
    stem = "".join(lazy_pinyin(path.stem if suffix else name))
    stem = _NOT_PLAIN.sub("-", stem).strip("-.")[:_FALLBACK_STEM_LENGTH] or "download"
    return f"{stem}{suffix}"


def content_disposition(name: str) -> str:
    """``attachment`` with the Chinese name for browsers (``filename*``) and an ASCII one for the rest."""
    name = _clean(name)
    return f"attachment; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(content: bytes, name: str, content_type: str) -> HttpResponse:
    """A file made in memory (a report, a form), sent as an attachment named ``name``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    return response


def file_download(handle, name: str, content_type: str | None = None) -> FileResponse:
    """An open file (kept on disk, or spooled), streamed as an attachment named ``name``; the
    response closes it once sent."""
    response = FileResponse(handle, content_type=content_type) if content_type else FileResponse(handle)
    response["Content-Disposition"] = content_disposition(name)
    return response


def suffix_of(stored, original_name: str = "") -> str:
    """The lower-case suffix of a kept file (.pdf), from the name it was uploaded under if known."""
    return PurePath(original_name or stored.name).suffix.lower()


def stored_file_download(stored, name: str, content_type: str | None = None) -> FileResponse:
    """A file kept in storage (a FileField's value) sent as ``name``; 404 when none is kept or it has
    gone missing from the disk, as for a record that does not exist."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return file_download(handle, name, content_type)
