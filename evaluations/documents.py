"""The 挂职干部鉴定表 as a Word document (python-docx), for the personnel file: one review's, or those
of a round or a batch in one document, each form starting on a page of its own."""

from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from guazhi import wordfiles
from guazhi.dates import long_date
from guazhi.text import xml_safe

from .selectors import ReviewSheet

FONT = "宋体"
TITLE_FONT = "黑体"
MARGINS = {"top": Mm(25), "bottom": Mm(25), "left": Mm(22), "right": Mm(22)}


def _run(paragraph, text: str):
    return paragraph.add_run(xml_safe(text))


def _set_font(run, name: str = FONT, size: float | None = None, bold: bool = False) -> None:
    wordfiles.set_font(run, name, Pt(size) if size else None, bold=bold)


def _cell(cell, text: str, *, bold: bool = False) -> None:
    cell.text = ""
    lines = (text or "").splitlines() or [""]
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        _set_font(_run(paragraph, line), size=10.5, bold=bold)


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(10)
    paragraph.paragraph_format.keep_with_next = True
    _set_font(_run(paragraph, text), name=TITLE_FONT, size=12, bold=True)


def _text(document, text: str) -> None:
    for line in (text or "—").splitlines() or ["—"]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(21)
        _set_font(_run(paragraph, line), size=10.5)


def _table(document, rows: list[list[str]], *, header: bool = False, widths: list[float] | None = None):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            _cell(table.cell(r, c), value, bold=header and r == 0)
            if widths:
                table.cell(r, c).width = Mm(widths[c])
    return table


def _basic_table(document, sheet: ReviewSheet) -> None:
    facts = sheet.basic_facts()
    wide = sheet.wide_facts()
    rows = (len(facts) + 1) // 2 + len(wide)
    table = document.add_table(rows=rows, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (label, value) in enumerate(facts):
        row, col = divmod(index, 2)
        _cell(table.cell(row, col * 2), label, bold=True)
        _cell(table.cell(row, col * 2 + 1), value or "—")
    first_wide = (len(facts) + 1) // 2
    for offset, (label, value) in enumerate(wide):
        row = first_wide + offset
        _cell(table.cell(row, 0), label, bold=True)
        merged = table.cell(row, 1).merge(table.cell(row, 3))
        _cell(merged, value or "—")


def _seal(document, seal: str) -> None:
    """The line the unit stamps, and the date it writes by hand under it, as on the printed form."""
    for text in (seal, _("year     month     day")):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(21)
        paragraph.paragraph_format.space_before = Pt(12 if text == seal else 0)
        _set_font(_run(paragraph, text), size=10.5)


def _form(document, sheet: ReviewSheet, *, new_page: bool) -> None:
    """One appraisal form: the same blocks, in the same order, as the print page."""
    review, appraisal = sheet.review, sheet.appraisal
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.page_break_before = new_page
    _set_font(title.add_run(_("Appraisal form of a seconded cadre")), name=TITLE_FONT, size=18, bold=True)

    _heading(document, _("Basic data"))
    _basic_table(document, sheet)

    _heading(document, _("Posts held and duties"))
    rows = [[_("receiving unit"), _("title held"), _("duties given"), _("From — until")]]
    for assignment in sheet.assignments:
        until = long_date(assignment.end_date) if assignment.end_date else _("now")
        rows.append(
            [
                assignment.post.unit.name,
                assignment.title,
                assignment.duties or "—",
                f"{long_date(assignment.start_date)}—{until}",
            ]
        )
    if len(rows) == 1:
        rows.append(["—", "—", "—", "—"])
    _table(document, rows, header=True, widths=[36, 26, 58, 46])

    _heading(document, _("Attendance"))
    _text(document, sheet.attendance_text())

    _heading(document, _("Self-summary"))
    _text(document, review.self_summary)
    if review.self_summary_file:
        _text(document, _("Attached: %(name)s") % {"name": review.self_summary_filename})

    _heading(document, _("Democratic rating"))
    if review.has_rating:
        votes = review.votes()
        _table(
            document,
            [
                [_("number of raters"), *(label for label, _count in votes)],
                [str(review.raters), *(str(count) for _label, count in votes)],
            ],
            header=True,
        )
        if review.rated_on:
            _text(document, _("Held on %(date)s.") % {"date": long_date(review.rated_on)})
    else:
        _text(document, "")

    _heading(document, _("Opinion of the receiving unit"))
    _table(
        document,
        [[_("Aspect"), _("Rating"), _("remarks")]]
        + [[label, rating or "—", remarks or "—"] for label, rating, remarks in appraisal.ratings()],
        header=True,
        widths=[30, 25, 111],
    )
    for label, value in (
        (_("strengths"), appraisal.strengths),
        (_("weaknesses"), appraisal.weaknesses),
        (_("hopes"), appraisal.hopes),
    ):
        _heading(document, label)
        _text(document, value)
    grade = appraisal.get_grade_display() or "—"
    if appraisal.ungraded_reason:
        grade = f"{grade}（{appraisal.ungraded_reason}）"
    _text(document, _("Grade given by %(unit)s: %(grade)s") % {"unit": appraisal.unit.name, "grade": grade})
    if appraisal.on_behalf:
        _text(document, appraisal.on_behalf_text())
    _seal(document, _("(seal of the receiving unit)"))

    _heading(document, _("Opinion of the organization department"))
    _text(document, review.org_opinion)
    _text(document, _("Final grade: %(grade)s") % {"grade": review.get_final_grade_display() or "—"})
    dates = []
    if review.reviewed_on:
        dates.append(_("reviewed on %(date)s") % {"date": long_date(review.reviewed_on)})
    if review.fed_back_on:
        dates.append(_("fed back to the sending unit on %(date)s") % {"date": long_date(review.fed_back_on)})
    if dates:
        _text(document, "；".join(dates))
    _seal(document, _("(seal of the county Party committee organization department)"))


def form_into(document, sheet: ReviewSheet) -> None:
    """One appraisal form added to a document already begun (the feedback letter appends it)."""
    _form(document, sheet, new_page=False)


def reviews_docx(sheets: list[ReviewSheet], title: str = "") -> bytes:
    """Several appraisal forms in one document, each starting on a new page."""
    document = wordfiles.new_document(font=FONT, size=Pt(10.5), margins=MARGINS, title=title)
    for index, sheet in enumerate(sheets):
        _form(document, sheet, new_page=index > 0)
    return wordfiles.to_bytes(document)


def review_docx(sheet: ReviewSheet) -> bytes:
    """One review's appraisal form as .docx bytes."""
    return reviews_docx([sheet], title=_("Appraisal form of %(name)s") % {"name": sheet.cadre.name})
