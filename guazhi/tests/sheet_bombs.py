"""Small spreadsheets that a reader laying a sheet out whole would turn into gigabytes: a value at
the far corner, one text shown in a great many cells, an .ods cell that says it repeats."""

import io
from pathlib import Path

import openpyxl
import xlwt

from .bombs import SST_START, Member, sheet, workbook, write_zip

ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_cell(text: str, *, columns: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="string">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def ods_row(*cells: str, rows: int = 1) -> str:
    return f'<table:table-row table:number-rows-repeated="{rows}">{"".join(cells)}</table:table-row>'


def ods_table(*rows: str, name: str = "花名册") -> str:
    return f'<table:table table:name="{name}">{"".join(rows)}</table:table>'


def ods(path: Path, *tables: str, prologue: str = "") -> Path:
    """An .ods of the tables (each from ``ods_table``), its mimetype first and uncompressed."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prologue}<office:document-content {ODS_NAMESPACES} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        + "".join(tables)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    return write_zip(
        path,
        [
            Member("mimetype", ODS_MIMETYPE),
            Member("content.xml", content),
            Member("META-INF/manifest.xml", ODS_MANIFEST),
        ],
    )


# What LibreOffice writes: each row padded to the last column, the sheet to the last row, with empty cells.
LIBREOFFICE_PADDING = ods_row('<table:table-cell table:number-columns-repeated="1024"/>', rows=1048575)


def xls(path: Path, cells: dict[tuple[int, int], object], *, sheets: int = 1) -> Path:
    """An .xls (BIFF8) holding the cells, by (row, column) from 0, in each of ``sheets`` sheets."""
    book = xlwt.Workbook(encoding="utf-8")
    for number in range(sheets):
        page = book.add_sheet(f"表{number + 1}")
        for (row, column), value in cells.items():
            page.write(row, column, value)
    book.save(str(path))
    return path


def xlsx(path: Path, cells: dict[str, object]) -> Path:
    book = openpyxl.Workbook()
    for reference, value in cells.items():
        book.active[reference] = value
    content = io.BytesIO()
    book.save(content)
    path.write_bytes(content.getvalue())
    return path


def shared_text_sheet(path: Path, *, cells: int, chars: int) -> Path:
    """An .xlsx whose one shared text of ``chars`` characters is shown in ``cells`` cells."""
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(2, cells + 2))
    strings = Member("xl/sharedStrings.xml", SST_START + "<si><t>" + "挂" * chars + "</t></si></sst>")
    return workbook(path, sheet(start=rows), strings)


def far_corner_xlsx(path: Path) -> Path:
    """Two values, in A1 and at the last row of the last column accepted: 200 million cells laid out."""
    return xlsx(path, {"A1": "姓名", "GR1048576": "x"})


def repeated_ods(path: Path) -> Path:
    """One .ods cell standing for 150 columns of a million rows."""
    return ods(path, ods_table(ods_row(ods_cell("姓名")), ods_row(ods_cell("县", columns=150), rows=1000000)))


def far_corner_xls(path: Path) -> Path:
    """An .xls with values in its first cell and at the last row of column IV, in ten sheets."""
    return xls(path, {(0, 0): "姓名", (65535, 199): "x"}, sheets=10)


def shared_text_xls(path: Path) -> Path:
    """An .xls whose one long text is shown in ten thousand cells."""
    return xls(path, {(row, column): "挂" * 30000 for row in range(1000) for column in range(10)})


def shared_text_xlsx(path: Path) -> Path:
    return shared_text_sheet(path, cells=200_000, chars=30_000)


LAYOUT_BOMBS = {
    "an .xlsx with a value at the far corner": (far_corner_xlsx, "xlsx"),
    "an .xlsx with one long text shown in 200,000 cells": (shared_text_xlsx, "xlsx"),
    "an .ods cell repeated over a million rows": (repeated_ods, "ods"),
    "an .xls with values at the far corner of ten sheets": (far_corner_xls, "xls"),
    "an .xls with one long text shown in 10,000 cells": (shared_text_xls, "xls"),
}
