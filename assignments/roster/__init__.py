"""Rosters (花名册) in Excel: reading and checking workbooks, the blank template, the export.

The columns, the date formats and the ``第N行 列名: 原因`` messages are a contract
other programs rely on (DESIGN.md, "Contracts other programs rely on"). This
package only reads the database; ``assignments.services.import_roster`` writes
what ``check_roster`` planned.
"""

from .checking import RosterCheck, RosterInvalid, RowError, RowPlan, check_roster
from .columns import COLUMNS, HEADERS, REQUIRED_HEADERS
from .reading import (
    RosterFileError,
    RosterSheet,
    delete_upload,
    read_upload,
    read_workbook,
    sheet_rows,
    store_upload,
    upload_path,
)
from .summary import PreviewRow, preview_rows, summary_lines
from .writing import (
    column_notes,
    general_notes,
    roster_rows,
    write_error_workbook,
    write_roster,
    write_template,
)

__all__ = [
    "COLUMNS",
    "HEADERS",
    "REQUIRED_HEADERS",
    "PreviewRow",
    "RosterCheck",
    "RosterFileError",
    "RosterInvalid",
    "RosterSheet",
    "RowError",
    "RowPlan",
    "check_roster",
    "column_notes",
    "delete_upload",
    "general_notes",
    "preview_rows",
    "read_upload",
    "read_workbook",
    "roster_rows",
    "sheet_rows",
    "store_upload",
    "summary_lines",
    "upload_path",
    "write_error_workbook",
    "write_roster",
    "write_template",
]
