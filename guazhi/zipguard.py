"""Zip files from outside (.xlsx and .docx uploads, and any other zip-based file), measured
before any parser reads them.

A 1 MB zip can unpack to gigabytes. Every member is counted as it is actually
decompressed (the sizes a zip's headers declare are not trusted), and reading
stops as soon as a limit is passed: the number of members, each member's size
and compression ratio, and the size of all members together. The limits are
settings (``GUAZHI_UNZIP_*``, see .env.example).
"""

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .text import xml_safe

CHUNK_BYTES = 64 * 1024
# A small member of repeated bytes legitimately compresses far better than any sane ratio;
# the ratio is held against members from this size on.
RATIO_GRACE_BYTES = 100 * 1024
# What Office, WPS and LibreOffice write; anything else is refused rather than decompressed.
METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


class UnsafeFile(Exception):
    """An uploaded file refused before it is parsed; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class ZipLimits:
    members: int
    member_bytes: int
    total_bytes: int
    ratio: int

    @classmethod
    def from_settings(cls) -> "ZipLimits":
        limits = settings.GUAZHI
        return cls(
            members=limits["UNZIP_MAX_MEMBERS"],
            member_bytes=limits["UNZIP_MAX_MEMBER_BYTES"],
            total_bytes=limits["UNZIP_MAX_BYTES"],
            ratio=limits["UNZIP_MAX_RATIO"],
        )


class MemberReader(Protocol):
    """Reads one member as it is decompressed; raises UnsafeFile to stop."""

    def feed(self, chunk: bytes) -> None: ...

    def close(self) -> None: ...


# Given a member's name, the reader that should see its bytes, or None to only count them.
Inspect = Callable[[str], MemberReader | None]


def _shown(name: str) -> str:
    return xml_safe(name)[:80]


class DamagedFile(UnsafeFile):
    """Not a zip archive a reader could open, rather than one too large to."""


def damaged() -> DamagedFile:
    return DamagedFile(_("The file cannot be opened: it is damaged, or not the kind of file its name says."))


def check_zip(
    source,
    *,
    inspect: Inspect | None = None,
    limits: ZipLimits | None = None,
    order: Callable[[str], int] | None = None,
) -> list[str]:
    """Decompress every member once, within the limits, and return the members' names.

    ``source`` is a path or a seekable binary file; a file is left at its start.
    Members for which ``inspect`` returns a reader are fed to it as they are
    decompressed, in the order ``order`` gives their names (else as stored). Raises
    UnsafeFile, with the reason, at the first limit passed.
    """
    limits = limits or ZipLimits.from_settings()
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise damaged() from None
    try:
        members = _admissible(archive.infolist(), limits)
        if order is not None:
            members.sort(key=lambda info: order(info.filename))
        produced = 0
        for info in members:
            produced = _decompress(
                archive, info, limits, produced, inspect(info.filename) if inspect else None
            )
        return [info.filename for info in members]
    finally:
        archive.close()
        if hasattr(source, "seek"):
            source.seek(0)


def _admissible(members: list[zipfile.ZipInfo], limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """Refuse on what the central directory says, before decompressing anything."""
    if len(members) > limits.members:
        raise UnsafeFile(
            _("The file holds %(count)d parts; at most %(limit)d are accepted.")
            % {"count": len(members), "limit": limits.members}
        )
    declared = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise UnsafeFile(_("The file is encrypted. Save it without a password and try again."))
        if info.compress_type not in METHODS:
            raise UnsafeFile(
                _("The file is compressed in a way office programs do not use; open and save it again.")
            )
        _check_size(info, info.file_size, limits)
        declared += info.file_size
        _check_total(declared, limits)
    return [info for info in members if not info.is_dir()]


def _check_size(info: zipfile.ZipInfo, size: int, limits: ZipLimits) -> None:
    if size > limits.member_bytes:
        raise UnsafeFile(
            _("The file's part %(name)s unpacks to more than %(limit)s; files this large are not accepted.")
            % {"name": _shown(info.filename), "limit": filesizeformat(limits.member_bytes)}
        )
    if size > RATIO_GRACE_BYTES and size > limits.ratio * max(info.compress_size, 1):
        raise UnsafeFile(
            _(
                "The file's part %(name)s is compressed more than %(ratio)d to 1, which ordinary "
                "documents never are; it is not opened."
            )
            % {"name": _shown(info.filename), "ratio": limits.ratio}
        )


def _check_total(size: int, limits: ZipLimits) -> None:
    if size > limits.total_bytes:
        raise UnsafeFile(
            _("The file unpacks to more than %(limit)s in all; files this large are not accepted.")
            % {"limit": filesizeformat(limits.total_bytes)}
        )


def _decompress(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limits: ZipLimits,
    produced: int,
    reader: MemberReader | None,
) -> int:
    """Decompress one member, counting the bytes produced; return the running total."""
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK_BYTES):
                size += len(chunk)
                produced += len(chunk)
                _check_size(info, size, limits)
                _check_total(produced, limits)
                if reader is not None:
                    reader.feed(chunk)
        if reader is not None:
            reader.close()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        raise damaged() from None
    return produced
