"""Reading a roster workbook into rows of cells, refusing files that are not one."""

import datetime
import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import openpyxl
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from guazhi.workbooks import unneutralise
from guazhi.xlsxguard import check_xlsx
from guazhi.zipguard import UnsafeFile

from .columns import BIRTH_HEADERS, COLUMN_OF, EXAMPLE_ROW, REQUIRED_HEADERS, Column, squeeze

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
# Title rows ("XX县挂职干部花名册") may sit above the headers; look this far down for them.
HEADER_SEARCH_ROWS = 10


class RosterFileError(Exception):
    """The file as a whole cannot be read as a roster; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class RawRow:
    """One row of the sheet: its number as Excel shows it and its cells by form field."""

    number: int
    cells: dict[str, object]
    problems: dict[str, str] = field(default_factory=dict)


@dataclass
class RosterSheet:
    name: str
    headers: tuple[str, ...]
    header_row: int
    rows: list[RawRow]
    skipped_example: int | None = None
    # The header row's cells as read (spaces taken out), known headers or not.
    header_cells: tuple[str, ...] = ()


Source = str | Path | BinaryIO


def _size(source: Source) -> int:
    if isinstance(source, str | Path):
        return os.path.getsize(source)
    if getattr(source, "size", None) is not None:
        return source.size
    position = source.tell()
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def _peek(source: Source) -> bytes:
    if isinstance(source, str | Path):
        with open(source, "rb") as handle:
            return handle.read(8)
    source.seek(0)
    head = source.read(8)
    source.seek(0)
    return head


def read_workbook(source: Source, *, name: str = "") -> RosterSheet:
    """The first sheet's rows, or RosterFileError naming what is wrong with the file."""
    if isinstance(source, str | Path) and not os.path.isfile(source):
        raise RosterFileError(_("There is no file %(name)s.") % {"name": source})
    name = name or (Path(source).name if isinstance(source, str | Path) else "")
    size, limit = _size(source), settings.GUAZHI["IMPORT_MAX_BYTES"]
    if size == 0:
        raise RosterFileError(_("The file is empty."))
    if size > limit:
        raise RosterFileError(
            _("The file is %(size)s; the largest roster accepted is %(limit)s. Split it into several files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    head = _peek(source)
    if head.startswith(OLE_MAGIC):
        raise RosterFileError(
            _("This is an old-style .xls workbook. Open it in Excel or WPS, save it as .xlsx and try again.")
        )
    if not head.startswith(ZIP_MAGIC):
        raise RosterFileError(
            _("This is not an Excel workbook (.xlsx). Save the roster as .xlsx and try again.")
        )
    with sheet_rows(source, name=name) as rows:
        return _read_first_sheet(rows, name)


@contextmanager
def sheet_rows(source: Source, *, name: str = "") -> Iterator[Iterator[tuple]]:
    """The first sheet's rows as tuples of values, from a workbook the guard has measured first.

    The guard refuses, before any parser runs, a workbook that would unpack or
    stream to more than the settings allow; the rows are then read as a stream.
    """
    try:
        check_xlsx(source)
    except UnsafeFile as error:
        raise RosterFileError(error.message) from None
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True, keep_links=False)
    except Exception:
        raise _unreadable(name) from None
    try:
        if not workbook.worksheets:
            raise RosterFileError(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        # The stated dimensions would pad every row to their last column; rows are read as they are.
        sheet.reset_dimensions()
        yield _guarded(sheet.iter_rows(values_only=True), name)
    finally:
        workbook.close()


def _guarded(rows: Iterator[tuple], name: str) -> Iterator[tuple]:
    try:
        yield from rows
    except Exception:
        raise _unreadable(name) from None


def _unreadable(name: str) -> RosterFileError:
    # A damaged or foreign zip fails in many ways inside the reader; the user
    # needs one clear answer, the log keeps the detail.
    logger.warning("Roster %s could not be read", name, exc_info=True)
    return RosterFileError(
        _("The file cannot be opened as an .xlsx workbook: it may be damaged, or another kind of file.")
    )


def _find_headers(rows) -> tuple[int, dict[str, int], tuple[str, ...]]:
    for number, values in enumerate(rows, start=1):
        texts = tuple(squeeze(str(value)) if value is not None else "" for value in values)
        positions: dict[str, int] = {}
        for index, header in enumerate(texts):
            if header in COLUMN_OF:
                if header in positions:
                    raise RosterFileError(
                        _("The column “%(column)s” appears more than once in row %(row)d.")
                        % {"column": header, "row": number}
                    )
                positions[header] = index
        if positions:
            return number, positions, texts
        if number >= HEADER_SEARCH_ROWS:
            break
    return 0, {}, ()


def _read_first_sheet(rows: Iterator[tuple], name: str) -> RosterSheet:
    header_row, positions, header_cells = _find_headers(rows)
    if not positions:
        raise RosterFileError(
            _("The first sheet has no column headers: its first row should read 姓名, 性别, 出生年月 …")
        )
    missing = [header for header in REQUIRED_HEADERS if header not in positions]
    if not any(header in positions for header in BIRTH_HEADERS):
        missing.append(_("%(a)s or %(b)s") % {"a": BIRTH_HEADERS[0], "b": BIRTH_HEADERS[1]})
    if missing:
        raise RosterFileError(
            _("The sheet lacks the required column(s) %(columns)s.") % {"columns": "、".join(missing)}
        )
    columns = [(COLUMN_OF[header], index) for header, index in positions.items()]
    limit = settings.GUAZHI["IMPORT_MAX_ROWS"]
    too_many = RosterFileError(
        _("The sheet has more than %(limit)d rows; split it into several files of at most %(limit)d rows.")
        % {"limit": limit}
    )
    found: list[RawRow] = []
    example_at = None
    for number, values in enumerate(rows, start=header_row + 1):
        if number - header_row > 2 * limit + 1000:
            # Formatted but empty rows count too, or a sheet of a million blank rows would be read whole.
            raise too_many
        row = _row(number, values, columns)
        if not any(value != "" for value in row.cells.values()):
            continue
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
        headers=tuple(positions),
        header_row=header_row,
        rows=found,
        skipped_example=example_at,
        header_cells=header_cells,
    )


def _row(number: int, values: tuple, columns: list[tuple[Column, int]]) -> RawRow:
    row = RawRow(number=number, cells={})
    for column, index in columns:
        value = values[index] if index < len(values) else None
        row.cells[column.field], problem = cell_value(column, value)
        if problem:
            row.problems[column.field] = problem
    return row


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


# Uploads kept between the preview and the confirmation, named by a random token.
UPLOAD_DIR = "roster_uploads"
UPLOAD_MAX_AGE = datetime.timedelta(days=1)


def upload_path(token: str) -> str:
    return f"{UPLOAD_DIR}/{token}.xlsx"


def store_upload(file) -> str:
    """Keep an uploaded workbook under a new random token; forget uploads older than a day."""
    _purge_stale_uploads()
    token = secrets.token_urlsafe(18)
    default_storage.save(upload_path(token), file)
    return token


def read_upload(token: str, *, name: str) -> RosterSheet:
    if not default_storage.exists(upload_path(token)):
        raise RosterFileError(_("The uploaded file is no longer kept; upload it again."))
    with default_storage.open(upload_path(token), "rb") as handle:
        return read_workbook(handle, name=name)


def delete_upload(token: str) -> None:
    default_storage.delete(upload_path(token))


def _purge_stale_uploads() -> None:
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - UPLOAD_MAX_AGE
    for file_name in files:
        path = f"{UPLOAD_DIR}/{file_name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except FileNotFoundError:
            continue
