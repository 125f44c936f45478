"""The .lrmx files a command is given: files, folders (searched whole) and .zip archives of them,
each archive measured by the zip guard while it is unpacked."""

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from guazhi.zipguard import UnsafeFile, check_zip

EXTENSIONS = (".lrmx", ".xml")


@dataclass
class Source:
    """One file to import: its name as the officer knows it, and its content or why it cannot be read."""

    name: str
    content: bytes | None = None
    refusal: str = ""


class _Collector:
    """Keeps a member's bytes while the zip guard unpacks it, up to one byte over the file limit."""

    def __init__(self, limit: int):
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def feed(self, chunk: bytes) -> None:
        if self.size <= self.limit:
            self.parts.append(chunk[: self.limit + 1 - self.size])
        self.size += len(chunk)

    def close(self) -> None:
        pass


def _member_name(info_name: str, flag_bits: int) -> str:
    """A member's name as written: archives made on Chinese Windows store names in GBK without saying so."""
    if flag_bits & 0x800:
        return info_name
    try:
        return info_name.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info_name


def _from_zip(path: Path) -> Iterator[Source]:
    limit = settings.GUAZHI["LRMX_MAX_BYTES"]
    collected: dict[str, _Collector] = {}

    def inspect(name: str):
        if name.lower().endswith(EXTENSIONS):
            collected[name] = _Collector(limit)
            return collected[name]
        return None

    try:
        check_zip(str(path), inspect=inspect)
        with zipfile.ZipFile(path) as archive:
            flags = {info.filename: info.flag_bits for info in archive.infolist()}
    except UnsafeFile as refused:
        yield Source(str(path), refusal=refused.message)
        return
    for name in sorted(collected):
        yield Source(
            f"{path}/{_member_name(name, flags.get(name, 0))}", content=b"".join(collected[name].parts)
        )


def _from_file(path: Path) -> Source:
    limit = settings.GUAZHI["LRMX_MAX_BYTES"]
    try:
        with path.open("rb") as handle:
            return Source(str(path), content=handle.read(limit + 1))
    except OSError as error:
        return Source(
            str(path), refusal=_("The file cannot be opened: %(error)s") % {"error": error.strerror}
        )


def lrmx_sources(paths: list[str]) -> Iterator[Source]:
    """Every .lrmx file the paths name, in a stable order: a folder's files (and the .zip archives
    in it) by name, an archive's members by name."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (*EXTENSIONS, ".zip")
            )
            if not found:
                yield Source(str(path), refusal=_("The folder holds no .lrmx file."))
            for item in found:
                yield from (_from_zip(item) if item.suffix.lower() == ".zip" else [_from_file(item)])
        elif path.is_file() and path.suffix.lower() == ".zip":
            yield from _from_zip(path)
        elif path.is_file():
            yield _from_file(path)
        else:
            yield Source(str(path), refusal=_("No such file or folder."))
