"""Hostile workbooks for the tests: about 1 MB on disk, a gigabyte once unpacked.

Each member is written by hand as a deflate stream of one compressed block
repeated (after a full flush a block does not depend on what came before),
so a gigabyte costs a second to make rather than a minute to compress.
"""

import struct
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GIB = 1 << 30
BLOCK = 1 << 20
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
    '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET_START = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
SHEET_END = "</sheetData></worksheet>"
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
SMALL_SHEET = SHEET_START + HEADER_ROW + SHEET_END
SST_START = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'


_DEFLATED: dict[tuple, tuple[bytes, int, int]] = {}


class Member:
    """A member made of a start, a unit repeated to about ``size`` bytes, and an end."""

    def __init__(self, name: str, start: str, unit: str = "", size: int = 0, end: str = ""):
        self.name = name
        self.start, self.end = start.encode(), end.encode()
        unit_bytes = unit.encode()
        self.block = unit_bytes * (BLOCK // len(unit_bytes)) if unit_bytes else b""
        self.blocks = size // BLOCK if unit_bytes else 0

    def deflated(self) -> tuple[bytes, int, int]:
        """The raw deflate stream, the CRC-32 and the size of the unpacked member."""
        key = (self.start, self.block, self.blocks, self.end)
        if key not in _DEFLATED:
            _DEFLATED[key] = self._deflate()
        return _DEFLATED[key]

    def _deflate(self) -> tuple[bytes, int, int]:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        parts = [compressor.compress(self.start) + compressor.flush(zlib.Z_FULL_FLUSH)]
        crc, size = zlib.crc32(self.start), len(self.start)
        if self.blocks:
            block = compressor.compress(self.block) + compressor.flush(zlib.Z_FULL_FLUSH)
            parts.append(block * self.blocks)
            for _ in range(self.blocks):
                crc = zlib.crc32(self.block, crc)
            size += len(self.block) * self.blocks
        parts.append(compressor.compress(self.end) + compressor.flush())
        return b"".join(parts), zlib.crc32(self.end, crc), size + len(self.end)


def write_zip(path: Path, members: list[Member], *, declared_size: int | None = None) -> Path:
    """A zip of the members; ``declared_size`` makes the headers lie about the big member's size."""
    entries, offset = [], 0
    with open(path, "wb") as out:
        for member in members:
            data, crc, size = member.deflated()
            stated = size if declared_size is None or not member.blocks else declared_size
            name = member.name.encode()
            header = struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21, crc, len(data), stated, len(name), 0
            )
            out.write(header + name + data)
            entries.append((name, crc, len(data), stated, offset))
            offset += len(header) + len(name) + len(data)
        directory = b""
        for name, crc, compressed, stated, at in entries:
            directory += struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0x800,
                8,
                0,
                0x21,
                crc,
                compressed,
                stated,
                len(name),
                0,
                0,
                0,
                0,
                0,
                at,
            )
            directory += name
        out.write(directory)
        out.write(
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0)
        )
    return path


def workbook(path: Path, sheet: Member, shared_strings: Member | None = None, **options) -> Path:
    members = [
        Member("[Content_Types].xml", CONTENT_TYPES),
        Member("_rels/.rels", ROOT_RELS),
        Member("xl/workbook.xml", WORKBOOK),
        Member("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        sheet,
        shared_strings or Member("xl/sharedStrings.xml", SST_START + "</sst>"),
    ]
    return write_zip(path, members, **options)


def sheet(unit: str = "", size: int = 0, *, start: str = "", end: str = "") -> Member:
    return Member("xl/worksheets/sheet1.xml", SHEET_START + HEADER_ROW + start, unit, size, end + SHEET_END)


def empty_cells_row(path: Path, size: int = GIB, **options) -> Path:
    """One row of about ``size`` bytes of empty cells."""
    return workbook(path, sheet("<c/>", size, start='<row r="2">', end="</row>"), **options)


def whitespace_sheet(path: Path, size: int = GIB, **options) -> Path:
    """A sheet of about ``size`` bytes of spaces."""
    return workbook(path, sheet(" ", size), **options)


def long_text_cell(path: Path, size: int = GIB, **options) -> Path:
    """One cell holding about ``size`` characters."""
    return workbook(
        path,
        sheet(
            "挂职" * 8, size, start='<row r="2"><c r="A2" t="inlineStr"><is><t>', end="</t></is></c></row>"
        ),
        **options,
    )


def huge_shared_strings(path: Path, size: int = GIB, **options) -> Path:
    """A sharedStrings.xml of about ``size`` bytes of short texts."""
    strings = Member("xl/sharedStrings.xml", SST_START, "<si><t>县</t></si>", size, "</sst>")
    return workbook(path, sheet(), strings, **options)


BOMBS = {
    "one row of a gigabyte of empty cells": empty_cells_row,
    "a sheet of a gigabyte of whitespace": whitespace_sheet,
    "one cell of a gigabyte of text": long_text_cell,
    "a gigabyte of shared strings": huge_shared_strings,
}


class Measured:
    seconds: float = 0.0
    peak_bytes: int = 0


def _resident(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    raise LookupError(field)


@contextmanager
def measured() -> Iterator[Measured]:
    """Wall time and peak memory above the start of the block: the process's resident memory where
    Linux lets its high-water mark be reset, else what Python allocated."""
    result = Measured()
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        resident = True
    except OSError:
        resident = False
    if resident:
        before = _resident("VmRSS:")
    else:
        tracemalloc.start()
    started = time.monotonic()
    try:
        yield result
    finally:
        result.seconds = time.monotonic() - started
        if resident:
            result.peak_bytes = _resident("VmHWM:") - before
        else:
            result.peak_bytes = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
