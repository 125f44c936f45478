"""An uploaded .xlsx workbook measured before a spreadsheet library reads it.

First the zip guard (members, sizes, ratios); while it decompresses, the
shared strings and then the worksheets are scanned as a stream by expat, with
no tree built, against caps on cells per row, cells per sheet, characters per
cell and the number of shared strings, and against what a reader would lay
out in memory (``sheetguard``): the area a sheet's values span, and the
characters of every cell with each shared text counted where it shows. A
workbook that passes holds nothing that would make a reader (calamine, which
lays a sheet out whole, or any other) take unbounded memory or time. The caps
are settings (``GUAZHI_IMPORT_MAX_*``).
"""

import posixpath
import re
from array import array
from xml.parsers import expat

from django.utils.translation import gettext as _

from .sheetguard import Layout, SheetLimits, cell_too_long, column_number, past_last_column
from .zipguard import MemberReader, UnsafeFile, ZipLimits, check_zip, damaged

__all__ = ["SheetLimits", "check_xlsx", "column_number"]

WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
SHARED_STRINGS = "xl/sharedStrings.xml"
_COLUMN = re.compile(r"[A-Za-z]{1,4}")
# Elements that give their cell a value a reader keeps.
_VALUES = frozenset({"v", "is", "f"})


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
    def __init__(self, limits: SheetLimits, layout: Layout, shared: "_SharedStringsScanner"):
        super().__init__(limits)
        self.layout = layout
        self.shared = shared
        layout.new_sheet()
        self.parser.EndElementHandler = self.end
        self.row = 0
        self.row_cells = 0
        self.cells = 0
        self.column = 0
        # The cell being read: does it hold a value, and is that a shared text (whose index is read)?
        self.valued = False
        self.kind = ""
        self.index: list[str] | None = None
        self.shared_index = ""

    def start(self, name: str, attributes: dict) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            reference = attributes.get("r", "")
            self.row = int(reference) if reference.isascii() and reference.isdigit() else self.row + 1
            self.row_cells = 0
            self.column = 0
            self.chars = 0
        elif local == "c":
            self.chars = 0
            self.row_cells += 1
            self.cells += 1
            self.valued = False
            self.kind = attributes.get("t", "n")
            self.shared_index = ""
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
            self.column = column_number(match.group()) if match else self.column + 1
            if self.column > limits.cells_per_row:
                raise past_last_column(self.row, self.column, limits)
        elif local in _VALUES and self.row_cells:
            self.valued = True
            if local == "v" and self.kind == "s":
                self.index = []

    def text(self, data: str) -> None:
        super().text(data)
        if self.index is not None:
            self.index.append(data)

    def end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "v":
            if self.index is not None:
                self.shared_index = "".join(self.index).strip()
                self.index = None
        elif local == "c" and self.valued:
            self.layout.value(max(self.row, 1), self.column, chars=self._chars())

    def _chars(self) -> int:
        """The characters a reader makes of the cell: a shared text's, or the cell's own."""
        if self.kind == "s":
            index = self.shared_index
            return self.shared.length(int(index)) if index.isascii() and index.isdigit() else 0
        if self.kind in ("inlineStr", "str"):
            return self.chars
        return 0

    def too_long(self) -> None:
        if not self.row:
            raise UnsafeFile(
                _("A sheet of the workbook holds more than %(limit)d characters outside any cell.")
                % {"limit": self.limits.cell_chars}
            )
        raise cell_too_long(self.row, self.limits)


class _SharedStringsScanner(_Scanner):
    def __init__(self, limits: SheetLimits):
        super().__init__(limits)
        self.count = 0
        self.lengths = array("L")
        self.read = False

    def start(self, name: str, attributes: dict) -> None:
        if name.rpartition(":")[2] == "si":
            self._settle()
            self.count += 1
            if self.count > self.limits.shared_strings:
                raise UnsafeFile(
                    _("The workbook holds more than %(limit)d different texts; split it into several files.")
                    % {"limit": self.limits.shared_strings}
                )

    def _settle(self) -> None:
        if self.count:
            self.lengths.append(self.chars)
        self.chars = 0

    def close(self) -> None:
        super().close()
        self._settle()
        self.read = True

    def length(self, index: int) -> int:
        """The characters of shared text number ``index`` (none for a text the workbook lacks)."""
        return self.lengths[index] if index < len(self.lengths) else 0

    def too_long(self) -> None:
        raise UnsafeFile(
            _("A text in the workbook holds more than %(limit)d characters.")
            % {"limit": self.limits.cell_chars}
        )


# What a relationship's type names, for the parts a reader would read as sheets or shared texts.
SHEET_TYPES = frozenset({"worksheet", "dialogsheet", "xlmacrosheet", "xlintlmacrosheet"})
SHARED_STRINGS_TYPE = "sharedstrings"


class _RelationshipsScanner(_Scanner):
    """The parts a ``.rels`` member points to, by the kind of part, resolved to member names."""

    def __init__(self, limits: SheetLimits, name: str, parts: "_Parts", most: int):
        super().__init__(limits)
        folder = name.rpartition("_rels/")[0]
        self.base = folder
        self.parts = parts
        self.most = most

    def start(self, name: str, attributes: dict) -> None:
        if name.rpartition(":")[2] != "Relationship" or attributes.get("TargetMode") == "External":
            return
        kind = attributes.get("Type", "").rpartition("/")[2].lower()
        if kind not in SHEET_TYPES and kind != SHARED_STRINGS_TYPE:
            return
        target = attributes.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(self.base + target)
        found = self.parts.sheets if kind in SHEET_TYPES else self.parts.shared_strings
        found.add(path.lower())
        if len(self.parts.sheets) + len(self.parts.shared_strings) > self.most:
            raise damaged()

    def text(self, data: str) -> None:
        pass


class _Parts:
    def __init__(self):
        self.sheets: set[str] = set()
        self.shared_strings: set[str] = set()


# An Excel binary workbook (.xlsb): a reader that tells a file's kind by its content would read
# its sheets, which no scan here can measure.
BINARY_PART = re.compile(r"(?i)(^|/)(workbook|sheet\d*)\.bin$")


def order(name: str) -> int:
    """Relationships first, then the shared texts, so that every sheet is measured knowing both."""
    lowered = name.lower()
    if lowered.endswith(".rels"):
        return 0
    return 1 if lowered.rpartition("/")[2] == "sharedstrings.xml" else 2


class XlsxInspector:
    """For ``check_zip``: the scanner each member of an .xlsx is fed to, members taken in ``order``."""

    def __init__(self, limits: SheetLimits, zip_limits: ZipLimits):
        self.limits = limits
        self.most_parts = zip_limits.members
        self.layout = Layout(limits, every_sheet=False)
        self.parts = _Parts()
        self.shared = _SharedStringsScanner(limits)

    def __call__(self, name: str) -> MemberReader | None:
        lowered = name.lower()
        if BINARY_PART.search(name):
            raise UnsafeFile(_("This is an Excel binary workbook (.xlsb). Save it as .xlsx and try again."))
        if lowered.endswith(".rels"):
            return _RelationshipsScanner(self.limits, name, self.parts, self.most_parts)
        if lowered in self.parts.shared_strings or lowered == SHARED_STRINGS.lower():
            if self.shared.count or self.shared.read:
                raise damaged()
            return self.shared
        if lowered in self.parts.sheets or WORKSHEET.match(name):
            if self.parts.shared_strings and not self.shared.read:
                # A sheet ahead of the shared texts the workbook names could not be measured.
                raise damaged()
            return _SheetScanner(self.limits, self.layout, self.shared)
        return None


def check_xlsx(source, *, limits: SheetLimits | None = None, zip_limits: ZipLimits | None = None) -> None:
    """Refuse (UnsafeFile, saying why) a workbook that a spreadsheet reader should not be given.

    ``source`` is a path or a seekable binary file; a file is left at its start.
    """
    limits = limits or SheetLimits.from_settings()
    zip_limits = zip_limits or ZipLimits.from_settings()
    check_zip(source, inspect=XlsxInspector(limits, zip_limits), limits=zip_limits, order=order)
