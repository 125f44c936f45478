"""An uploaded old-style Excel workbook (.xls) measured before a spreadsheet library reads it.

An .xls is an OLE compound file holding one stream of BIFF records. Readers
such as calamine lay out every sheet of it when it opens, so before one does,
the stream is walked record by record (olefile reads it, bounded by the
file's own size) and held to the caps every workbook is (``sheetguard``):
the last column a value may be in, the area all sheets' values span, the
number of different texts and the characters in one, and the characters of
every cell once each shared text is counted where it shows.
"""

import struct
from array import array

import olefile
from django.utils.translation import gettext as _

from .sheetguard import Layout, SheetLimits
from .zipguard import UnsafeFile, damaged

OLE_MAGIC = olefile.MAGIC
STREAMS = ("Workbook", "Book")

BOF = 0x0809
SST = 0x00FC
CONTINUE = 0x003C
LABEL_SST = 0x00FD
LABEL = 0x0204
RICH_LABEL = 0x00D6
STRING = 0x0207
MULTIPLE_RK = 0x00BD
# Records holding one value at (row, column), given by their first four bytes.
VALUES = frozenset({0x0203, 0x027E, 0x0205, 0x0006, LABEL_SST, LABEL, RICH_LABEL})


class _Segments:
    """The SST record and its CONTINUE records, read as one run of bytes except where a text's
    characters cross into the next record, which then begins with a byte saying their width."""

    def __init__(self, parts: list[bytes]):
        self.parts = parts
        self.part = 0
        self.at = 0

    def _next_part(self) -> bytes:
        self.part += 1
        self.at = 0
        if self.part >= len(self.parts):
            raise damaged()
        return self.parts[self.part]

    def take(self, count: int) -> bytes:
        taken = b""
        while len(taken) < count:
            part = self.parts[self.part] if self.part < len(self.parts) else b""
            if self.at >= len(part):
                part = self._next_part()
            piece = part[self.at : self.at + count - len(taken)]
            self.at += len(piece)
            taken += piece
        return taken

    def skip(self, count: int) -> None:
        while count:
            part = self.parts[self.part]
            if self.at >= len(part):
                part = self._next_part()
            step = min(count, len(part) - self.at)
            self.at += step
            count -= step

    def skip_chars(self, count: int, width: int) -> None:
        while count:
            part = self.parts[self.part]
            if self.at >= len(part):
                part = self._next_part()
                width = 2 if part[:1] and part[0] & 0x01 else 1
                self.at = 1
                continue
            step = min(count, (len(part) - self.at) // width)
            if step == 0:
                raise damaged()
            self.at += step * width
            count -= step


def _text_too_long(limits: SheetLimits) -> UnsafeFile:
    return UnsafeFile(
        _("A text in the workbook holds more than %(limit)d characters.") % {"limit": limits.cell_chars}
    )


def _shared_lengths(parts: list[bytes], limits: SheetLimits) -> array:
    """The number of characters of each shared text, in order."""
    segments = _Segments(parts)
    _total, unique = struct.unpack("<II", segments.take(8))
    if unique > limits.shared_strings:
        raise UnsafeFile(
            _("The workbook holds more than %(limit)d different texts; split it into several files.")
            % {"limit": limits.shared_strings}
        )
    lengths = array("L")
    for _index in range(unique):
        count, flags = struct.unpack("<HB", segments.take(3))
        runs = struct.unpack("<H", segments.take(2))[0] if flags & 0x08 else 0
        extra = struct.unpack("<I", segments.take(4))[0] if flags & 0x04 else 0
        if count > limits.cell_chars:
            raise _text_too_long(limits)
        segments.skip_chars(count, 2 if flags & 0x01 else 1)
        segments.skip(4 * runs + extra)
        lengths.append(count)
    return lengths


def _records(stream: bytes):
    """(type, body) of each record, in order."""
    at, end = 0, len(stream)
    while at + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + size]
        if len(body) < size:
            raise damaged()
        yield kind, body
        at += 4 + size


def _workbook_stream(source) -> bytes:
    try:
        with olefile.OleFileIO(source) as ole:
            for name in STREAMS:
                if ole.exists(name) and ole.get_type(name) == olefile.STGTY_STREAM:
                    return ole.openstream(name).read()
    except (OSError, ValueError, IndexError, struct.error, NotImplementedError):
        raise damaged() from None
    raise damaged()


def check_xls(source, *, limits: SheetLimits | None = None) -> None:
    """Refuse (UnsafeFile, saying why) an .xls that a spreadsheet reader should not be given.

    ``source`` is a path or a seekable binary file; a file is left at its start.
    """
    limits = limits or SheetLimits.from_settings()
    try:
        stream = _workbook_stream(source)
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    layout = Layout(limits, every_sheet=True)
    lengths = array("L")
    records = _records(stream)
    pending: tuple[int, bytes] | None = None
    try:
        while True:
            kind, body = pending or next(records, (None, b""))
            pending = None
            if kind is None:
                break
            if kind == SST:
                parts = [body]
                for kind_after, body_after in records:
                    if kind_after != CONTINUE:
                        pending = (kind_after, body_after)
                        break
                    parts.append(body_after)
                lengths = _shared_lengths(parts, limits)
            elif kind == BOF:
                layout.new_sheet()
            elif kind in VALUES:
                row, column = struct.unpack_from("<HH", body)
                layout.value(row + 1, column + 1, chars=_chars(kind, body, lengths))
            elif kind == MULTIPLE_RK:
                row, first = struct.unpack_from("<HH", body)
                (last,) = struct.unpack_from("<H", body, len(body) - 2)
                if last >= first:
                    layout.value(row + 1, first + 1, columns=last - first + 1)
            elif kind == STRING:
                (count,) = struct.unpack_from("<H", body)
                if count > limits.cell_chars:
                    raise _text_too_long(limits)
                layout.add_chars(count)
    except struct.error:
        raise damaged() from None


def _chars(kind: int, body: bytes, lengths: array) -> int:
    if kind == LABEL_SST:
        (index,) = struct.unpack_from("<I", body, 6)
        return lengths[index] if index < len(lengths) else 0
    if kind in (LABEL, RICH_LABEL):
        (count,) = struct.unpack_from("<H", body, 6)
        return count
    return 0
