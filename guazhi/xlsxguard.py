"""An uploaded .xlsx workbook measured before a spreadsheet library reads it.

First the zip guard (members, sizes, ratios); while it decompresses, the
worksheets and the shared strings are scanned as a stream by expat, with no
tree built, against caps on cells per row, cells per sheet, characters per
cell and the number of shared strings. A workbook that passes holds nothing
that would make a reader (openpyxl today, any other tomorrow) take unbounded
memory or time. The caps are settings (``GUAZHI_IMPORT_MAX_*``).
"""

import re
from dataclasses import dataclass
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

from .zipguard import MemberReader, UnsafeFile, ZipLimits, check_zip, damaged

WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
SHARED_STRINGS = "xl/sharedStrings.xml"
_COLUMN = re.compile(r"[A-Za-z]{1,4}")


@dataclass(frozen=True)
class SheetLimits:
    cells_per_row: int
    cells: int
    cell_chars: int
    shared_strings: int

    @classmethod
    def from_settings(cls) -> "SheetLimits":
        limits = settings.GUAZHI
        return cls(
            cells_per_row=limits["IMPORT_MAX_CELLS_PER_ROW"],
            cells=limits["IMPORT_MAX_CELLS"],
            cell_chars=limits["IMPORT_MAX_CELL_CHARS"],
            shared_strings=limits["IMPORT_MAX_SHARED_STRINGS"],
        )


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _Scanner:
    """Feeds one XML member to expat; no document type, so no entities, is accepted."""

    def __init__(self, limits: SheetLimits):
        self.limits = limits
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self.start
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self.refuse_doctype
        self.chars = 0

    def refuse_doctype(self, *args) -> None:
        raise damaged()

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError:
            raise damaged() from None

    def close(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError:
            raise damaged() from None

    def start(self, name: str, attributes: dict) -> None:
        raise NotImplementedError

    def text(self, data: str) -> None:
        # Counted from the start of the cell (or shared string): its text, and any run of
        # characters after it until the next one begins.
        self.chars += len(data)
        if self.chars > self.limits.cell_chars:
            self.too_long()

    def too_long(self) -> None:
        raise NotImplementedError


class _SheetScanner(_Scanner):
    def __init__(self, limits: SheetLimits):
        super().__init__(limits)
        self.row = 0
        self.row_cells = 0
        self.cells = 0

    def start(self, name: str, attributes: dict) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            reference = attributes.get("r", "")
            self.row = int(reference) if reference.isascii() and reference.isdigit() else self.row + 1
            self.row_cells = 0
            self.chars = 0
        elif local == "c":
            self.chars = 0
            self.row_cells += 1
            self.cells += 1
            limits = self.limits
            if self.row_cells > limits.cells_per_row:
                raise UnsafeFile(
                    _("Row %(row)d has more than %(limit)d cells; delete the empty columns and try again.")
                    % {"row": self.row, "limit": limits.cells_per_row}
                )
            if self.cells > limits.cells:
                raise UnsafeFile(
                    _("A sheet of the workbook has more than %(limit)d cells; split it into several files.")
                    % {"limit": limits.cells}
                )
            match = _COLUMN.match(attributes.get("r", ""))
            if match and column_number(match.group()) > limits.cells_per_row:
                raise UnsafeFile(
                    _("Row %(row)d has a cell in column %(column)s, past the %(limit)d columns accepted.")
                    % {"row": self.row, "column": match.group().upper(), "limit": limits.cells_per_row}
                )

    def too_long(self) -> None:
        if not self.row:
            raise UnsafeFile(
                _("A sheet of the workbook holds more than %(limit)d characters outside any cell.")
                % {"limit": self.limits.cell_chars}
            )
        raise UnsafeFile(
            _("Row %(row)d holds more than %(limit)d characters in one cell, or between two cells.")
            % {"row": self.row, "limit": self.limits.cell_chars}
        )


class _SharedStringsScanner(_Scanner):
    def __init__(self, limits: SheetLimits):
        super().__init__(limits)
        self.count = 0

    def start(self, name: str, attributes: dict) -> None:
        if name.rpartition(":")[2] == "si":
            self.chars = 0
            self.count += 1
            if self.count > self.limits.shared_strings:
                raise UnsafeFile(
                    _("The workbook holds more than %(limit)d different texts; split it into several files.")
                    % {"limit": self.limits.shared_strings}
                )

    def too_long(self) -> None:
        raise UnsafeFile(
            _("A text in the workbook holds more than %(limit)d characters.")
            % {"limit": self.limits.cell_chars}
        )


def check_xlsx(source, *, limits: SheetLimits | None = None, zip_limits: ZipLimits | None = None) -> None:
    """Refuse (UnsafeFile, saying why) a workbook that a spreadsheet reader should not be given.

    ``source`` is a path or a seekable binary file; a file is left at its start.
    """
    limits = limits or SheetLimits.from_settings()

    def inspect(name: str) -> MemberReader | None:
        if WORKSHEET.match(name):
            return _SheetScanner(limits)
        if name == SHARED_STRINGS:
            return _SharedStringsScanner(limits)
        return None

    check_zip(source, inspect=inspect, limits=zip_limits)
