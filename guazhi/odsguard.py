"""An uploaded OpenDocument spreadsheet (.ods) measured before a spreadsheet library reads it.

An .ods is a zip, so the zip guard runs first. Its sheets are all in
``content.xml``, which is scanned as it is decompressed, by expat with no tree
built, against the same caps as an .xlsx (``sheetguard``). What makes an .ods
dangerous is repetition: a row or a cell may say it stands for thousands
(``number-rows-repeated``, ``number-columns-repeated``), and a reader lays
out every one of them. So each cell holding a value counts as the rows and
columns it repeats over, with its characters as many times; the empty cells
that pad a row or a sheet to its edge (as LibreOffice writes them) cost a
reader nothing and are not counted. Every sheet is read when the file opens,
so the areas of all sheets add up.
"""

from xml.parsers import expat

from .sheetguard import Layout, SheetLimits, cell_too_long
from .zipguard import MemberReader, ZipLimits, check_zip, damaged

CONTENT = "content.xml"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SHEET = f"{TABLE} table"
_ROW = f"{TABLE} table-row"
_CELLS = frozenset({f"{TABLE} table-cell", f"{TABLE} covered-table-cell"})
_ROWS_REPEATED = f"{TABLE} number-rows-repeated"
_COLUMNS_REPEATED = f"{TABLE} number-columns-repeated"
_VALUE_TYPE = f"{OFFICE} value-type"
_STRING_VALUE = f"{OFFICE} string-value"
# Far more than a sheet has rows or columns: a count past it is not a spreadsheet's.
_MOST_REPEATS = 1 << 24


def _repeats(attributes: dict, name: str) -> int:
    text = attributes.get(name, "1")
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= _MOST_REPEATS:
        raise damaged()
    return int(text)


class ContentScanner:
    """Feeds content.xml to expat; no document type, so no entities, is accepted."""

    def __init__(self, limits: SheetLimits):
        self.limits = limits
        self.layout = Layout(limits, every_sheet=True)
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self.refuse_doctype
        self.in_sheet = False
        self.row = 0  # the last row number taken, within the sheet
        self.rows = 1  # how many rows the current one stands for
        self.column = 0  # the last column number taken, within the row
        # The cell being read: where it starts, how many columns it stands for, whether it holds
        # something, and the characters in it so far.
        self.cell: tuple[int, int] | None = None
        self.valued = False
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
        if self.cell is not None:
            if name == _SHEET:
                # A sheet inside a cell: no spreadsheet program writes one.
                raise damaged()
            self.valued = True
            self._count_attributes(attributes)
        elif name in _CELLS and self.in_sheet:
            columns = _repeats(attributes, _COLUMNS_REPEATED)
            self.cell = (self.column + 1, columns)
            self.column += columns
            self.valued = _VALUE_TYPE in attributes
            self.chars = 0
            self._count_attributes(attributes)
        elif name == _ROW and self.in_sheet:
            self.rows = _repeats(attributes, _ROWS_REPEATED)
            self.row += self.rows
            self.column = 0
        elif name == _SHEET:
            self.layout.new_sheet()
            self.in_sheet = True
            self.row = 0

    def _count_attributes(self, attributes: dict) -> None:
        # A text may be held in an attribute (office:string-value) rather than in the cell's paragraphs.
        self.chars += len(attributes.get(_STRING_VALUE, ""))

    def text(self, data: str) -> None:
        if self.cell is None:
            return
        self.chars += len(data)
        if self.chars > self.limits.cell_chars:
            raise cell_too_long(self.row, self.limits)

    def end(self, name: str) -> None:
        if name in _CELLS and self.cell is not None:
            column, columns = self.cell
            self.cell = None
            if self.valued:
                first_row = self.row - self.rows + 1
                self.layout.value(first_row, column, chars=self.chars, rows=self.rows, columns=columns)
        elif name == _SHEET:
            self.in_sheet = False


def check_ods(source, *, limits: SheetLimits | None = None, zip_limits: ZipLimits | None = None) -> None:
    """Refuse (UnsafeFile, saying why) an .ods that a spreadsheet reader should not be given.

    ``source`` is a path or a seekable binary file; a file is left at its start.
    """
    limits = limits or SheetLimits.from_settings()

    def inspect(name: str) -> MemberReader | None:
        return ContentScanner(limits) if name == CONTENT else None

    check_zip(source, inspect=inspect, limits=zip_limits)
