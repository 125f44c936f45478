"""Rosters built in memory for the tests: a valid row with overrides, written as an .xlsx, .xls or
.ods workbook."""

import datetime
import io
from pathlib import Path

import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from assignments.roster.columns import HEADERS
from conftest import TERM_START, make_id_number
from guazhi.dates import term_end

# A row's term is the builders' term (so a row finds the secondment they made), reported on its fifth day.
ROW_START = TERM_START
ROW_REPORTED = TERM_START + datetime.timedelta(days=4)
ROW_END = term_end(TERM_START, 24)


def roster_row(n: int = 1, **overrides) -> dict:
    """A valid row for cadre number n (distinct names and ID numbers), by header."""
    birth = datetime.date(1980 + n % 20, 1 + n % 12, 1 + n % 28)
    row = {
        "姓名": f"干部{n:04d}",
        "性别": "男",
        "出生年月": birth.strftime("%Y.%m"),
        "民族": "汉族",
        "政治面貌": "中共党员",
        "身份证号": make_id_number(birth, serial=n % 100),
        "学历": "大学本科",
        "学位": "学士",
        "职务层次": "副处",
        "职级": "",
        "原单位": "省财政厅",
        "原职务": "预算处副处长",
        "专业特长": "财政金融",
        "联系电话": f"139{n:08d}",
        "派出单位": "省财政厅",
        "批次": f"{ROW_START.year}年省派第一批",
        "任职文号": f"组干〔{ROW_START.year}〕{n}号",
        "挂职开始": ROW_START.isoformat(),
        "挂职结束": ROW_END.isoformat(),
        "报到日期": ROW_REPORTED.isoformat(),
        "挂职单位": "县财政局",
        "挂任职务": "副局长",
        "分管工作": "协助分管预算绩效管理",
        "实际结束": "",
    }
    row.update(overrides)
    return row


def workbook_bytes(rows: list[dict], headers=HEADERS, *, title_rows: list[list] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for title in title_rows:
        sheet.append(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text typed with a leading =, not a formula
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def write_workbook(path: Path, rows: list[dict], headers=HEADERS, **kwargs) -> Path:
    path.write_bytes(workbook_bytes(rows, headers, **kwargs))
    return path


def read_rows(source) -> list[tuple]:
    workbook = openpyxl.load_workbook(source)
    return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def _cells(rows: list[dict], headers, title_rows) -> list[list]:
    return [
        *(list(title) for title in title_rows),
        list(headers),
        *([row.get(h, "") for h in headers] for row in rows),
    ]


def xls_bytes(rows: list[dict], headers=HEADERS, *, title_rows: list[list] = ()) -> bytes:
    """The roster as an old-style .xls workbook (BIFF8), written as Excel 97–2003 writes it."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for number, values in enumerate(_cells(rows, headers, title_rows)):
        for column, value in enumerate(values):
            if value in ("", None):
                continue
            if isinstance(value, datetime.date):
                sheet.write(number, column, value, date_style)
            else:
                sheet.write(number, column, value)
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def ods_bytes(rows: list[dict], headers=HEADERS, *, title_rows: list[list] = ()) -> bytes:
    """The roster as an OpenDocument spreadsheet (.ods), dates as dates and numbers as numbers."""
    document = OpenDocumentSpreadsheet()
    table = Table(name="花名册")
    for values in _cells(rows, headers, title_rows):
        line = TableRow()
        for value in values:
            if value in ("", None):
                cell = TableCell()
            elif isinstance(value, datetime.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.isoformat()))
            elif isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                for paragraph in str(value).split("\n"):
                    cell.addElement(P(text=paragraph))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    content = io.BytesIO()
    document.write(content)
    return content.getvalue()


def workbook_of_kind(kind: str, rows: list[dict], headers=HEADERS, **kwargs) -> bytes:
    return {"xlsx": workbook_bytes, "xls": xls_bytes, "ods": ods_bytes}[kind](rows, headers, **kwargs)
