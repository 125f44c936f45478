"""Rosters (花名册) in spreadsheets: reading and checking .xlsx, .xls and .ods files, the blank
template, the export.

The columns, the date formats and the ``第N行 列名: 原因`` messages are a contract
other programs rely on (DESIGN.md, "Contracts other programs rely on"). This
package only reads the database; ``assignments.services.import_roster`` writes
what ``check_roster`` planned.
"""

from .checking import RosterCheck, RosterInvalid, RowError, RowPlan, check_roster
from .columns import COLUMNS, HEADERS, REQUIRED_HEADERS
from .headers import ALIASES, COMBINED, IGNORED
from .reading import RosterSheet, read_rows, read_workbook
from .sources import RosterFileError, sheet_rows
from .summary import PreviewRow, preview_rows, summary_lines
from .template import column_notes, general_notes, header_spellings, write_template
from .uploads import delete_upload, read_upload, store_upload, upload_path
from .writing import roster_rows, write_error_workbook, write_roster

__all__ = [
    "ALIASES",
    "COLUMNS",
    "COMBINED",
    "HEADERS",
    "IGNORED",
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
    "header_spellings",
    "preview_rows",
    "read_rows",
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
