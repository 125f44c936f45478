"""The county summary as a Word document and as an Excel workbook."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from guazhi.dates import long_date
from guazhi.text import xml_safe
from guazhi.workbooks import SafeWorkbook, Styled

from .summary import Summary


def _text(value) -> str:
    """A value as Word can hold it."""
    return xml_safe(str(value))


def _chinese_font(document: Document, name: str = "宋体") -> None:
    style = document.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), name)


def summary_docx(summary: Summary) -> bytes:
    """Heading, the paragraphs and every table, ready to paste into the county's report."""
    document = Document()
    _chinese_font(document)
    heading = document.add_heading(
        _("Seconded cadres received since %(since)s") % {"since": summary.since}, level=1
    )
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in summary.paragraphs():
        paragraph = document.add_paragraph(_text(text))
        paragraph.paragraph_format.first_line_indent = Pt(24)
    for table in summary.tables:
        document.add_heading(_text(table.title), level=2)
        if table.note:
            document.add_paragraph(_text(table.note))
        grid = document.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
            cell.text = _text(header)
        for row in table.rows:
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.text = _text(value)
    document.add_paragraph(_("Figures as of %(date)s.") % {"date": long_date(summary.today)})
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _safe_sheet_title(title: str, used: set[str]) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    name, n = cleaned, 2
    while name in used:
        name = f"{cleaned[:28]}-{n}"
        n += 1
    used.add(name)
    return name


def summary_xlsx(summary: Summary) -> bytes:
    """One sheet for the paragraphs, then one sheet per table."""
    workbook = SafeWorkbook()
    used: set[str] = set()
    sheet = workbook.sheet(_safe_sheet_title(_("Summary"), used))
    for text in summary.paragraphs():
        sheet.append([text])
    sheet.layout.column_dimensions["A"].width = 120
    for table in summary.tables:
        sheet = workbook.sheet(_safe_sheet_title(xml_safe(table.title), used))
        sheet.append(Styled(header, font=Font(bold=True)) for header in table.headers)
        for row in table.rows:
            sheet.append(row)
        for index, _header in enumerate(table.headers, start=1):
            sheet.layout.column_dimensions[get_column_letter(index)].width = 18 if index > 1 else 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
