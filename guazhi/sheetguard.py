"""What the spreadsheet guards (.xlsx, .ods, .xls) hold a workbook to before a reader opens it.

A reader such as calamine lays a sheet out whole in memory: one slot for every
cell of the rectangle from A1 to the last cell holding a value, empty or not,
and a copy of a text for every cell showing it. So besides the cells and
characters a file spells out, a guard counts what a reader would make of
them: the area the values span, and the characters of every cell once each
shared text (.xlsx, .xls) or repeated cell (.ods) is laid out where it shows.
The caps are settings (``GUAZHI_IMPORT_MAX_*``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .zipguard import UnsafeFile


@dataclass(frozen=True)
class SheetLimits:
    cells_per_row: int
    cells: int
    cell_chars: int
    shared_strings: int
    chars: int

    @classmethod
    def from_settings(cls) -> "SheetLimits":
        limits = settings.GUAZHI
        return cls(
            cells_per_row=limits["IMPORT_MAX_CELLS_PER_ROW"],
            cells=limits["IMPORT_MAX_CELLS"],
            cell_chars=limits["IMPORT_MAX_CELL_CHARS"],
            shared_strings=limits["IMPORT_MAX_SHARED_STRINGS"],
            chars=limits["IMPORT_MAX_CHARS"],
        )


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def past_last_column(row: int, column: int, limits: SheetLimits) -> UnsafeFile:
    return UnsafeFile(
        _("Row %(row)d has a cell in column %(column)s, past the %(limit)d columns accepted.")
        % {"row": row, "column": column_letters(column), "limit": limits.cells_per_row}
    )


def cell_too_long(row: int, limits: SheetLimits) -> UnsafeFile:
    return UnsafeFile(
        _("Row %(row)d holds more than %(limit)d characters in one cell, or between two cells.")
        % {"row": row, "limit": limits.cell_chars}
    )


class Layout:
    """The cells holding a value, as a reader would lay them out, counted against the caps.

    Rows and columns are numbered from 1. With ``every_sheet`` the areas of
    all sheets add up, for readers that load every sheet when the file opens
    (.ods, .xls); otherwise each sheet is held to the cap on its own (.xlsx,
    whose sheets are read one at a time).
    """

    def __init__(self, limits: SheetLimits, *, every_sheet: bool):
        self.limits = limits
        self.every_sheet = every_sheet
        self.earlier_sheets = 0
        self.chars = 0
        self.last_row = self.last_column = 0

    def new_sheet(self) -> None:
        if self.every_sheet:
            self.earlier_sheets += self.last_row * self.last_column
        else:
            self.chars = 0
        self.last_row = self.last_column = 0

    def value(self, row: int, column: int, *, chars: int = 0, rows: int = 1, columns: int = 1) -> None:
        """A value at (row, column), shown in ``rows`` × ``columns`` cells from there on."""
        limits = self.limits
        last_row, last_column = row + rows - 1, column + columns - 1
        if last_column > limits.cells_per_row:
            raise past_last_column(row, last_column, limits)
        if chars > limits.cell_chars:
            raise cell_too_long(row, limits)
        if last_row > self.last_row or last_column > self.last_column:
            self.last_row = max(self.last_row, last_row)
            self.last_column = max(self.last_column, last_column)
            area = self.last_row * self.last_column
            if self.earlier_sheets + area > limits.cells:
                raise UnsafeFile(
                    _(
                        "The sheet's data reaches row %(row)d and column %(column)s: read whole, that is "
                        "more than the %(limit)d cells accepted. Delete what lies below or to the right "
                        "of the roster, or split it into several files."
                    )
                    % {
                        "row": self.last_row,
                        "column": column_letters(self.last_column),
                        "limit": limits.cells,
                    }
                )
        self.add_chars(chars * rows * columns)

    def add_chars(self, chars: int) -> None:
        self.chars += chars
        if self.chars > self.limits.chars:
            raise UnsafeFile(
                _(
                    "The workbook's cells hold more than %(limit)d characters in all; split it into several files."
                )
                % {"limit": self.limits.chars}
            )
