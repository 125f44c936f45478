"""The 干部任免审批表 as an A4 Word document in the official layout, from a cadre's record.

Two pages: the first holds the facts, the photograph's box and the 简历; the
second the rewards, appraisals, the reasons, the family table and the
approvals. Columns and heights follow the printed form, so the 简历 has its
lines and the family table its rows even when the record leaves them empty.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from guazhi import wordfiles
from guazhi.text import xml_safe

from .lrmx.codes import DEGREE_WORDS, EDUCATION_WORDS, chinese_label_of_ethnicity, party_word
from .models import Cadre

FONT = "宋体"
TITLE_FONT = "方正小标宋简体"
MARGINS = {"top": Mm(20), "bottom": Mm(15), "left": Mm(22), "right": Mm(18)}
# The seven columns of the form's first page, in millimetres (170 mm of A4 between the margins).
WIDTHS = [22, 26, 22, 26, 24, 24, 26]
FAMILY_ROWS = 7
PHOTO_WIDTH = Mm(25)


def _month(value: datetime.date | None) -> str:
    return value.strftime("%Y.%m") if value else ""


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _fill(cell, text: str, *, size: float = 10.5, center: bool = True, bold: bool = False) -> None:
    cell.text = ""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    lines = (text or "").splitlines() or [""]
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        wordfiles.set_font(paragraph.add_run(xml_safe(line)), FONT, Pt(size), bold=bold)


def _grid(document, rows: int):
    table = document.add_table(rows=rows, cols=len(WIDTHS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = Mm(WIDTHS[index])
    return table


def _height(row, mm: float, *, exact: bool = False) -> None:
    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST


def _wide(table, row: int, label: str, text: str, *, height: float, center: bool = False) -> None:
    _fill(table.cell(row, 0), label)
    _fill(table.cell(row, 1).merge(table.cell(row, 6)), text, center=center)
    _height(table.rows[row], height)


def _photo(cell, cadre: Cadre) -> None:
    _fill(cell, _("photograph") if not cadre.photo else "")
    if not cadre.photo:
        return
    try:
        with cadre.photo.open("rb") as handle:
            cell.paragraphs[0].add_run().add_picture(handle, width=PHOTO_WIDTH)
    except Exception:
        # A photograph that went missing or will not embed leaves the box for a printed one.
        _fill(cell, _("photograph"))


def _education(cadre: Cadre, prefix: str) -> tuple[str, str]:
    education = getattr(cadre, f"{prefix}education")
    degree = getattr(cadre, f"{prefix}degree")
    words = "\n".join(w for w in (EDUCATION_WORDS.get(education, ""), DEGREE_WORDS.get(degree, "")) if w)
    school = " ".join(w for w in (getattr(cadre, f"{prefix}school"), getattr(cadre, f"{prefix}major")) if w)
    return words, school


def _first_page(document, cadre: Cadre, today: datetime.date) -> None:
    table = _grid(document, 10)
    birth = f"{_month(cadre.birth_date)}\n" + _("(%(age)s years old)") % {
        "age": age_on(cadre.birth_date, today)
    }
    party = _month(cadre.party_join_date) or party_word(cadre.political_status)
    facts = [
        [_("full name"), cadre.name, _("gender"), cadre.get_gender_display(), _("birth month (age)"), birth],
        [
            _("ethnicity"),
            chinese_label_of_ethnicity(cadre.ethnicity),
            _("native place"),
            cadre.birthplace,
            _("place of birth"),
            cadre.place_of_birth,
        ],
        [
            _("date joined the party"),
            party,
            _("date started work"),
            _month(cadre.work_start_date),
            _("health"),
            cadre.health,
        ],
    ]
    for r, values in enumerate(facts):
        for c, value in enumerate(values):
            _fill(table.cell(r, c), value)
        _height(table.rows[r], 12)
    _photo(table.cell(0, 6).merge(table.cell(3, 6)), cadre)
    _fill(table.cell(3, 0), _("professional title"))
    _fill(table.cell(3, 1).merge(table.cell(3, 2)), cadre.professional_title)
    _fill(table.cell(3, 3), _("familiar fields and specialties"))
    _fill(table.cell(3, 4).merge(table.cell(3, 5)), "、".join(s.name for s in cadre.specialties.all()))
    _height(table.rows[3], 14)
    for row, prefix, label in (
        (4, "", _("full-time education")),
        (5, "inservice_", pgettext("form", "in-service education")),
    ):
        words, school = _education(cadre, prefix)
        _fill(table.cell(row, 0), _("education and degree") if row == 4 else "")
        _fill(table.cell(row, 1), label)
        _fill(table.cell(row, 2).merge(table.cell(row, 3)), words)
        _fill(table.cell(row, 4), _("school, department and major"))
        _fill(table.cell(row, 5).merge(table.cell(row, 6)), school, center=False)
        _height(table.rows[row], 14)
    table.cell(4, 0).merge(table.cell(5, 0))
    _fill(table.cell(4, 0), _("education and degree"))
    _wide(table, 6, _("current position"), f"{cadre.home_unit.name}{cadre.home_position}", height=12)
    _wide(table, 7, _("proposed appointment"), "", height=12)
    _wide(table, 8, _("proposed removal"), "", height=12)
    _wide(table, 9, _("résumé"), cadre.resume, height=120)


def _second_page(document, cadre: Cadre, today: datetime.date) -> None:
    members = list(cadre.family_members.order_by("position", "id"))
    rows = max(FAMILY_ROWS, len(members))
    table = _grid(document, 3 + 1 + rows + 4)
    _wide(table, 0, _("rewards and punishments"), cadre.rewards, height=30)
    _wide(table, 1, _("annual appraisal results"), cadre.annual_appraisals, height=22)
    _wide(table, 2, _("reasons for the appointment or removal"), "", height=22)
    first = 3
    heading = [
        _("relation"),
        _("full name"),
        _("birth month"),
        _("political status"),
        _("work unit and position"),
    ]
    for c, label in enumerate(heading):
        _fill(table.cell(first, c + 1), label)
    table.cell(first, 5).merge(table.cell(first, 6))
    _fill(table.cell(first, 5), heading[-1])
    _height(table.rows[first], 10)
    for index in range(rows):
        r = first + 1 + index
        member = members[index] if index < len(members) else None
        values = (
            [member.relation, member.name, _month(member.birth_date), member.political_status, member.work]
            if member
            else [""] * 5
        )
        for c, value in enumerate(values[:4]):
            _fill(table.cell(r, c + 1), value)
        _fill(table.cell(r, 5).merge(table.cell(r, 6)), values[4], center=False)
        _height(table.rows[r], 9)
    label = table.cell(first, 0).merge(table.cell(first + rows, 0))
    _fill(label, _("family members and important social relations"))
    end = first + rows + 1
    date_line = "\n\n" + _("(seal)") + "\n" + _("year     month     day")
    _wide(table, end, _("reporting unit"), cadre.home_unit.name + date_line, height=28, center=True)
    _wide(table, end + 1, _("opinion of the approving authority"), date_line, height=28, center=True)
    _wide(table, end + 2, _("opinion of the administrative authority"), date_line, height=28, center=True)
    _wide(
        table,
        end + 3,
        _("form filled by"),
        _("filled on %(date)s") % {"date": today.strftime("%Y.%m.%d")},
        height=10,
    )


def sheet_context(cadre: Cadre) -> dict:
    """What the printed page of the form shows beyond the record's own fields."""
    today = timezone.localdate()
    members = list(cadre.family_members.order_by("position", "id"))
    education = []
    for prefix, label in (
        ("", _("full-time education")),
        ("inservice_", pgettext("form", "in-service education")),
    ):
        words, school = _education(cadre, prefix)
        education.append((label, words, school))
    return {
        "cadre": cadre,
        "age": age_on(cadre.birth_date, today),
        "ethnicity": chinese_label_of_ethnicity(cadre.ethnicity),
        "party": _month(cadre.party_join_date) or party_word(cadre.political_status),
        "education": education,
        "family_rows": members + [{}] * max(0, FAMILY_ROWS - len(members)),
    }


def approval_form(cadre: Cadre) -> bytes:
    """The cadre's 干部任免审批表 (.docx), two A4 pages."""
    today = timezone.localdate()
    document = wordfiles.new_document(
        font=FONT, size=Pt(10.5), margins=MARGINS, title=_("Cadre appointment and removal approval form")
    )
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    wordfiles.set_font(title.add_run(_("Cadre appointment and removal approval form")), TITLE_FONT, Pt(22))
    _first_page(document, cadre, today)
    page_two = document.add_paragraph()
    wordfiles.page_break_before(page_two)
    _second_page(document, cadre, today)
    return wordfiles.to_bytes(document)


def approval_form_name(cadre: Cadre) -> str:
    return f"{cadre.name}干部任免审批表.docx"
