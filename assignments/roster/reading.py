"""Reading a roster sheet into rows of cells, as counties keep them: the headers found below a
title, matched however an office spells them, and the notes under the data left out."""

import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from guazhi.dates import split_span
from guazhi.workbooks import unneutralise

from .columns import BIRTH_HEADERS, COLUMN_OF, COLUMNS, EXAMPLE_ROW, HEADER_OF, REQUIRED_HEADERS, Column
from .headers import SPELLINGS, Combined, header_key
from .sources import RosterFileError, Source, check_kind, check_size, sheet_rows

# A title (XX县挂职干部花名册) and a 填报单位 line may sit above the headers; look this far down for them.
HEADER_SEARCH_ROWS = 10
# A line under the data that begins like this is a note (注：…, 说明：…, 填表人：…), as is all below it.
NOTE = re.compile(
    r"^(注|附注|说明|备注|填表说明|填报说明|制表人?|填表人|填报人|审核人?|负责人|联系人)\s*[0-9一二三四五六七八九十]*\s*[:：、.．]"
)
FIELD_OF_HEADER = {column.header: column.field for column in COLUMNS}


@dataclass
class RawRow:
    """One row of the sheet: its number as the spreadsheet shows it and its cells by form field."""

    number: int
    cells: dict[str, object]
    problems: dict[str, str] = field(default_factory=dict)
    # The text of each column holding a unit and a position at once, by its first field.
    combined: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetColumn:
    """A column of the sheet the import reads: where it is, its header as written, what it holds."""

    index: int
    header: str
    column: Column | None = None
    combined: Combined | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return self.combined.fields if self.combined else (self.column.field,)


@dataclass
class RosterSheet:
    name: str
    header_row: int
    rows: list[RawRow]
    columns: tuple[SheetColumn, ...] = ()
    skipped_example: int | None = None
    # The header row's cells as read (spaces taken out), known headers or not.
    header_cells: tuple[str, ...] = ()
    # The last row holding anything, notes under the data included.
    last_row: int = 0

    def __post_init__(self):
        self.by_field = {name: column for column in self.columns for name in column.fields}

    @property
    def headers(self) -> tuple[str, ...]:
        """The roster columns the sheet gives, by their own headers, in the sheet's order."""
        return tuple(HEADER_OF[name] for column in self.columns for name in column.fields)

    def header_of(self, field_name: str) -> str:
        """The header under which a field's problems are named: the sheet's own spelling."""
        column = self.by_field.get(field_name)
        return column.header if column else HEADER_OF[field_name]

    def position_of(self, field_name: str) -> int:
        column = self.by_field.get(field_name)
        return column.index if column else len(self.header_cells)

    @property
    def unit_columns(self) -> list[Combined]:
        """The columns holding a unit and a position at once, to be split against the units on file."""
        return [c.combined for c in self.columns if c.combined is not None and not c.combined.is_term]


def read_workbook(source: Source, *, name: str = "") -> RosterSheet:
    """The first sheet's rows, or RosterFileError naming what is wrong with the file."""
    if isinstance(source, str | Path) and not os.path.isfile(source):
        raise RosterFileError(_("There is no file %(name)s.") % {"name": source})
    name = name or (Path(source).name if isinstance(source, str | Path) else "")
    check_size(source)
    check_kind(source)
    with sheet_rows(source, name=name) as rows:
        return read_rows(rows, name)


def _find_headers(rows: Iterator[tuple]) -> tuple[int, tuple[SheetColumn, ...], tuple[str, ...]]:
    for number, values in enumerate(rows, start=1):
        texts = tuple("" if value is None else header_key(str(value)) for value in values)
        shown = tuple("" if value is None else _shown(value) for value in values)
        columns = [
            _sheet_column(index, shown[index], found)
            for index, key in enumerate(texts)
            if (found := SPELLINGS.get(key)) is not None
        ]
        if columns:
            _refuse_duplicates(columns, number)
            return number, tuple(columns), shown
        if number >= HEADER_SEARCH_ROWS:
            break
    return 0, (), ()


def _sheet_column(index: int, header: str, found: Column | Combined) -> SheetColumn:
    if isinstance(found, Combined):
        return SheetColumn(index, header, combined=found)
    return SheetColumn(index, header, column=found)


def _shown(value) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", str(value))


def _refuse_duplicates(columns: list[SheetColumn], row: int) -> None:
    given: dict[str, SheetColumn] = {}
    for column in columns:
        for name in column.fields:
            other = given.get(name)
            if other is None:
                given[name] = column
            elif other.header == column.header:
                raise RosterFileError(
                    _("The column “%(column)s” appears more than once in row %(row)d.")
                    % {"column": column.header, "row": row}
                )
            else:
                raise RosterFileError(
                    _(
                        "The columns “%(one)s” and “%(other)s” in row %(row)d both give %(what)s; keep one of them."
                    )
                    % {"one": other.header, "other": column.header, "row": row, "what": HEADER_OF[name]}
                )


def _check_required(columns: tuple[SheetColumn, ...]) -> None:
    given = {name for column in columns for name in column.fields}
    missing = [header for header in REQUIRED_HEADERS if FIELD_OF_HEADER[header] not in given]
    if not any(FIELD_OF_HEADER[header] in given for header in BIRTH_HEADERS):
        missing.append(_("%(a)s or %(b)s") % {"a": BIRTH_HEADERS[0], "b": BIRTH_HEADERS[1]})
    if missing:
        raise RosterFileError(
            _("The sheet lacks the required column(s) %(columns)s.") % {"columns": "、".join(missing)}
        )


def read_rows(rows: Iterator[tuple], name: str) -> RosterSheet:
    """A roster from a sheet's rows (the first being row 1), whichever reader gave them."""
    header_row, columns, header_cells = _find_headers(rows)
    if not columns:
        raise RosterFileError(
            _(
                "None of the first %(rows)d rows of the first sheet holds the column headers "
                "(姓名, 性别, 出生年月 …)."
            )
            % {"rows": HEADER_SEARCH_ROWS}
        )
    _check_required(columns)
    limit = settings.GUAZHI["IMPORT_MAX_ROWS"]
    too_many = RosterFileError(
        _("The sheet has more than %(limit)d rows; split it into several files of at most %(limit)d rows.")
        % {"limit": limit}
    )
    found: list[RawRow] = []
    example_at = None
    last_row = header_row
    in_notes = after_gap = False
    for number, values in enumerate(rows, start=header_row + 1):
        if number - header_row > 2 * limit + 1000:
            # Formatted but empty rows count too, or a sheet of a million blank rows would be read whole.
            raise too_many
        filled = [value for value in values if value is not None and str(value).strip()]
        if not filled:
            after_gap = bool(found) or example_at is not None
            continue
        last_row = number
        if NOTE.match(str(filled[0]).strip()) or (len(filled) == 1 and (in_notes or after_gap)):
            in_notes = True
            continue
        in_notes = after_gap = False
        row = _row(number, values, columns)
        if example_at is None and _is_example(row):
            example_at = number
            continue
        found.append(row)
        if len(found) > limit:
            raise too_many
    if not found:
        raise RosterFileError(
            _(
                "The sheet has column headers but no rows of data (the template's example row is not imported)."
            )
        )
    return RosterSheet(
        name=name,
        header_row=header_row,
        rows=found,
        columns=columns,
        skipped_example=example_at,
        header_cells=header_cells,
        last_row=last_row,
    )


def _row(number: int, values: tuple, columns: tuple[SheetColumn, ...]) -> RawRow:
    row = RawRow(number=number, cells={})
    for column in columns:
        value = values[column.index] if column.index < len(values) else None
        if column.column is not None:
            row.cells[column.column.field], problem = cell_value(column.column, value)
            if problem:
                row.problems[column.column.field] = problem
        elif column.combined.is_term:
            _read_term(row, column, value)
        else:
            first, second = column.combined.fields
            text, _problem = cell_value(column.combined.parts[0], value)
            row.cells[first] = row.cells[second] = ""
            if text:
                row.combined[first] = str(text)
    return row


def _read_term(row: RawRow, column: SheetColumn, value) -> None:
    """A term written as one range, 2023.03-2025.03: its start and end as the two date columns."""
    start, end = column.combined.fields
    row.cells[start] = row.cells[end] = ""
    if value is None or not str(value).strip():
        return
    span = split_span(str(value)) if isinstance(value, str) else None
    if span is None:
        row.problems[start] = _(
            "“%(value)s” is not a term written as a start and an end, such as 2023.03-2025.03 "
            "or 2023年3月至2025年3月."
        ) % {"value": _shown_value(value)}
        return
    row.cells[start], row.cells[end] = span


def _shown_value(value) -> str:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()[:100]


def cell_value(column: Column, value) -> tuple[object, str]:
    """A cell as the row form reads it (text, or a date for date columns), and any problem seen."""
    if value is None:
        return "", ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return (value if column.is_date else value.isoformat()), ""
    if isinstance(value, bool):
        return str(value), ""
    if isinstance(value, int | float):
        if column.field == "id_number":
            return str(value), _(
                "The ID number is stored as a number, so Excel has lost its last digits; "
                "format the column as text and type the number again."
            )
        if column.is_date and isinstance(value, float) and not value.is_integer() and 1000 <= value < 10000:
            # 2023.03 typed into a cell becomes the number 2023.03 (and 2023.10 becomes 2023.1).
            return f"{value:.2f}", ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value), ""
    return unneutralise(str(value).strip()), ""


def _is_example(row: RawRow) -> bool:
    return len(row.cells) > 10 and all(
        value == EXAMPLE_ROW[column.header]
        for column in COLUMN_OF.values()
        if (value := row.cells.get(column.field)) is not None
    )
