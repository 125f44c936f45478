"""The county summary as a Word document and as an Excel workbook."""

import io

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from guazhi import wordfiles
from guazhi.dates import long_date
from guazhi.text import xml_safe
from guazhi.workbooks import SafeWorkbook, Styled

from .summary import Summary


def summary_docx(summary: Summary) -> bytes:
    """The report as a 公文: its title, sections 一 to 四 with their parts （一）…, each part's sentences
    and tables, page numbers at the foot; ready to file or to paste into the county's report."""
    document = wordfiles.new_document(title=summary.title)
    wordfiles.title(document, summary.title)
    for section in summary.sections():
        wordfiles.heading(document, section.heading, level=1)
        for text in section.paragraphs:
            wordfiles.body_paragraph(document, text)
        for part in section.parts:
            wordfiles.heading(document, part.heading, level=2)
            for text in part.paragraphs:
                wordfiles.body_paragraph(document, text)
            for table in part.tables:
                _table(document, table)
    wordfiles.body_paragraph(document, _("Figures as of %(date)s.") % {"date": long_date(summary.today)})
    wordfiles.page_numbers(document)
    return wordfiles.to_bytes(document)


def _table(document, table) -> None:
    """A table under its part: its title and note in the body font, then the grid."""
    caption = wordfiles.body_paragraph(document, table.title, indent=False)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    if table.rows:
        wordfiles.table(document, [table.headers, *table.rows])
    else:
        wordfiles.body_paragraph(document, _("Nothing to count yet."))
    if table.note:
        wordfiles.body_paragraph(document, table.note, indent=False, size=wordfiles.SIZE_SMALL_4)


def _safe_sheet_title(title: str, used: set[str]) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    name, n = cleaned, 2
    while name in used:
        name = f"{cleaned[:28]}-{n}"
        n += 1
    used.add(name)
    return name


def summary_xlsx(summary: Summary) -> bytes:
    """One sheet for the paragraphs (the cadres in post, then their projects), then one sheet per table."""
    workbook = SafeWorkbook()
    used: set[str] = set()
    sheet = workbook.sheet(_safe_sheet_title(_("Summary"), used))
    for text in [*summary.paragraphs(), *summary.projects.paragraphs]:
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
