"""The one way the system writes an .xlsx workbook.

Every cell of every workbook it hands out (the roster export and template, a
checked upload returned with its problems, the county summary) takes its value
through ``safe``: numbers and dates stay what they are; anything else becomes
text a spreadsheet program will not run. Text that begins with ``= + - @`` (or
a tab or line break, which some programs skip before reading a formula) gets a
leading apostrophe, so no cell ever holds a formula; the roster importer takes
the apostrophe off again.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from .text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_AS_THEY_ARE = (bool, int, float, Decimal, datetime.date, datetime.time, datetime.timedelta)


def neutralise(text: str) -> str:
    """The text, with a leading apostrophe if a spreadsheet program could take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """Undo ``neutralise``: what a workbook the system wrote held before it was written."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def safe(value):
    """A value as a cell may hold it: never a formula, never text a spreadsheet would run."""
    if value is None or isinstance(value, _AS_THEY_ARE):
        return value
    return neutralise(xml_safe(str(value)))


@dataclass(frozen=True)
class Styled:
    """A value with the look of its cell."""

    value: object
    font: Font | None = None
    fill: PatternFill | None = None
    alignment: Alignment | None = None
    number_format: str | None = None
    comment: str | None = None

    def apply(self, cell) -> None:
        if self.font is not None:
            cell.font = self.font
        if self.fill is not None:
            cell.fill = self.fill
        if self.alignment is not None:
            cell.alignment = self.alignment
        if self.number_format is not None:
            cell.number_format = self.number_format
        if self.comment is not None:
            cell.comment = Comment(xml_safe(self.comment), "guazhi")


class SafeSheet:
    """A worksheet that takes values only through ``safe``.

    ``layout`` is the openpyxl worksheet, for column widths, frozen panes,
    drop-down lists and the like: never for writing a value.
    """

    def __init__(self, worksheet, *, write_only: bool):
        self.layout = worksheet
        self.write_only = write_only

    def append(self, values: Iterable) -> None:
        """Add a row; a ``Styled`` value brings its look."""
        values = list(values)
        if self.write_only:
            self.layout.append([self._write_only_cell(value) for value in values])
            return
        self.layout.append([safe(value.value if isinstance(value, Styled) else value) for value in values])
        row = self.layout.max_row
        for column, value in enumerate(values, start=1):
            if isinstance(value, Styled):
                value.apply(self.layout.cell(row=row, column=column))

    def put(self, row: int, column: int, value) -> None:
        """Write one cell (not in a write-only workbook, which is written row after row)."""
        cell = self.layout.cell(row=row, column=column)
        cell.value = safe(value.value if isinstance(value, Styled) else value)
        if isinstance(value, Styled):
            value.apply(cell)

    def _write_only_cell(self, value):
        if not isinstance(value, Styled):
            return safe(value)
        cell = WriteOnlyCell(self.layout, value=safe(value.value))
        value.apply(cell)
        return cell


class SafeWorkbook:
    """A new workbook whose sheets are SafeSheets; ``write_only`` streams rows to the file."""

    def __init__(self, *, write_only: bool = False):
        self.write_only = write_only
        self._book = openpyxl.Workbook(write_only=write_only)
        self._unused_first = None if write_only else self._book.active

    def sheet(self, title: str) -> SafeSheet:
        if self._unused_first is not None:
            worksheet, self._unused_first = self._unused_first, None
            worksheet.title = title
        else:
            worksheet = self._book.create_sheet(title)
        return SafeSheet(worksheet, write_only=self.write_only)

    def save(self, destination) -> None:
        self._book.save(destination)
