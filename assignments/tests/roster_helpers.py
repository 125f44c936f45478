"""Rosters built in memory for the tests: a valid row with overrides, written as a workbook."""

import datetime
import io
from pathlib import Path

import openpyxl

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
