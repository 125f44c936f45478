"""A roster file's first sheet as rows of values: .xlsx, .xls or .ods, measured before it is read.

The kind of file is told by its content, never by its name, by the guard
(``guazhi.workbookguard``) and by calamine alike. Only once the guard has
passed it does calamine read it, laying the sheet out whole and reading dates
as dates.
"""

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from guazhi.workbookguard import ZIP_MAGIC, check_workbook
from guazhi.xlsguard import OLE_MAGIC
from guazhi.zipguard import UnsafeFile

logger = logging.getLogger(__name__)

Source = str | Path | BinaryIO


class RosterFileError(Exception):
    """The file as a whole cannot be read as a roster; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


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


def _peek(source: Source, count: int = 8) -> bytes:
    if isinstance(source, str | Path):
        with open(source, "rb") as handle:
            return handle.read(count)
    source.seek(0)
    head = source.read(count)
    source.seek(0)
    return head


def check_size(source: Source) -> None:
    """Refuse an empty file or one over ``GUAZHI_IMPORT_MAX_BYTES``."""
    size, limit = _size(source), settings.GUAZHI["IMPORT_MAX_BYTES"]
    if size == 0:
        raise RosterFileError(_("The file is empty."))
    if size > limit:
        raise RosterFileError(
            _("The file is %(size)s; the largest roster accepted is %(limit)s. Split it into several files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def check_kind(source: Source) -> None:
    """Refuse a file that is none of the spreadsheets read here, by its first bytes."""
    if not _peek(source).startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise RosterFileError(
            _(
                "This is not a spreadsheet (.xlsx, .xls or .ods). Save the roster from Excel, WPS or "
                "LibreOffice as one of those and try again."
            )
        )


@contextmanager
def sheet_rows(source: Source, *, name: str = "") -> Iterator[Iterator[tuple]]:
    """The first sheet's rows as tuples of values (None for an empty cell), the first tuple being
    row 1 and each starting at column A, from a file its guard has measured first."""
    check_kind(source)
    try:
        check_workbook(source)
    except UnsafeFile as error:
        raise RosterFileError(error.message) from None
    try:
        if isinstance(source, str | Path):
            workbook = CalamineWorkbook.from_path(str(source))
        else:
            source.seek(0)
            workbook = CalamineWorkbook.from_filelike(source)
    except Exception:
        raise unreadable(name) from None
    try:
        if not workbook.sheet_names:
            raise RosterFileError(_("The workbook has no sheet."))
        try:
            sheet = workbook.get_sheet_by_index(0)
        except Exception:
            raise unreadable(name) from None
        yield _rows(sheet, name)
    finally:
        workbook.close()
        if not isinstance(source, str | Path):
            source.seek(0)


def _rows(sheet, name: str) -> Iterator[tuple]:
    # calamine gives every row from the first (row 1), each from the first column holding a value.
    start = sheet.start
    if start is None:
        return
    padding = (None,) * start[1]
    try:
        for values in sheet.iter_rows():
            yield padding + tuple(None if value == "" else value for value in values)
    except Exception:
        raise unreadable(name) from None


def unreadable(name: str) -> RosterFileError:
    # A damaged or foreign file fails in many ways inside the reader; the user
    # needs one clear answer, the log keeps the detail.
    logger.warning("Roster %s could not be read", name, exc_info=True)
    return RosterFileError(
        _(
            "The file cannot be opened as a workbook (.xlsx, .xls or .ods): it may be damaged, "
            "or another kind of file."
        )
    )
