"""The blank roster the upload page offers: the headers, one example row, and a notes sheet
saying how to fill in each column, the values allowed, and the other headers accepted."""

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cadres.models import Specialty, Unit
from guazhi.workbooks import SafeSheet, SafeWorkbook, Styled

from .columns import COLUMNS, EXAMPLE_ROW, HEADERS, REQUIRED_HEADERS, chinese_labels
from .headers import ALIASES, COMBINED, IGNORED
from .writing import (
    CHOICES,
    DATE_FORMAT,
    HEADER_FILL,
    HEADER_FONT,
    REQUIRED_FONT,
    TEXT_COLUMNS,
    TEXT_FORMAT,
    sheet_title,
)


def notes_title() -> str:
    return _("Notes")


def column_notes() -> dict[str, str]:
    return {
        "name": _("Required."),
        "gender": _("男 or 女; may be left empty when the ID number is given."),
        "birth_date": _("Year and month, e.g. 1980.04; may be left empty when the ID number is given."),
        "ethnicity": _("E.g. 汉族 (or 汉); empty means 汉族 for a new cadre."),
        "political_status": _("Required, e.g. 中共党员 (or 党员)."),
        "id_number": _(
            "18 characters; the check digit, birth month and gender are checked. Keep the column as text."
        ),
        "education": _("研究生, 大学本科 (or 本科), 大学专科 (or 大专), 中专 or 高中及以下."),
        "degree": _("博士, 硕士, 学士 or 无."),
        "leadership_level": _(
            "正厅, 副厅, 正处, 副处, 正科, 副科 or 科员级 (正处级, 副处级 … are accepted too)."
        ),
        "grade": _("A civil-service grade, e.g. 四级调研员."),
        "home_unit": _("The cadre's own unit; empty means the sending unit."),
        "home_position": _("The position held in the home unit."),
        "specialties": _("From the list of specialties, separated by 、 (or ，,;；/)."),
        "phone": _("A mobile or office number."),
        "sending_unit": _("Required. A unit on file, unless the import may create units."),
        "batch": _("E.g. 2024年省派第二批."),
        "appointment_document": _("The number of the appointment document."),
        "term_start": _("Required. With the cadre, it identifies the secondment."),
        "term_end": _("Required: the planned end, after the term start."),
        "reported_on": _("The day the cadre reported for duty; not in the future."),
        "unit": _("The receiving unit of the current (or last) post."),
        "title": _("The title held there, e.g. 副局长; a post with this title is made if the unit has none."),
        "duties": _("The work actually given (分管工作)."),
        "actual_end": _("Only for a secondment that has ended; not in the future."),
    }


def general_notes() -> list[str]:
    return [
        _(
            "Dates may be Excel dates, or text such as 2023-03-01, 2023.03.01, 2023/3/1, 2023年3月1日, "
            "or a month alone such as 2023.03 (read as the 1st)."
        ),
        _(
            "Headers are matched by their text: the columns may be in any order, and other columns are ignored. "
            "The header row may be any of the first ten rows, under a title; spaces, line breaks and a note "
            "in brackets in a header do not matter (姓  名, 出生年月（年.月）), and the other spellings "
            "listed below are accepted."
        ),
        _(
            "Rows under the data that begin with 注：, 说明： or the like, and lines of text after an "
            "empty row, are notes and are not imported."
        ),
        _(
            "A cadre is found by the ID number, else by name and birth month; a secondment by the cadre "
            "and the term start. Importing the same file again changes nothing."
        ),
        _(
            "The status follows from the dates: an actual end makes the secondment completed; a receiving "
            "unit and title, in post; a reporting date, awaiting a post; otherwise expected."
        ),
        _("Empty cells never erase what is on file."),
        _(
            "While row 2, the example, is left unchanged it is skipped; replace it with real rows or delete it."
        ),
        _("If any row has a problem nothing is imported, and every problem is listed by row and column."),
    ]


def header_spellings() -> list[tuple[str, str, str]]:
    """(header, the other spellings accepted, what the column holds) for every header the import
    reads: the columns with other spellings, the columns holding two facts, the columns left aside."""
    rows = [(header, "、".join(aliases), "") for header, aliases in ALIASES.items() if aliases]
    holds = {
        "home_unit": _(
            "The home unit and the position held there in one cell, e.g. 省财政厅预算处副处长: the cell is "
            "split at the longest name of a unit on file that it begins with."
        ),
        "unit": _(
            "The receiving unit and the title held there in one cell, e.g. 县财政局副局长: the cell is split "
            "at the longest name of a unit on file that it begins with."
        ),
        "term_start": _("The term as one range: 2023.03-2025.03, 2023.03—2025.03 or 2023年3月至2025年3月."),
    }
    rows += [(c.header, "、".join(c.aliases), holds[c.fields[0]]) for c in COMBINED]
    rows += [(header, "", _("Left aside.")) for header in IGNORED]
    return rows


def _header(explanations: dict[str, str] | None = None) -> list[Styled]:
    return [
        Styled(
            column.header,
            font=REQUIRED_FONT if column.header in REQUIRED_HEADERS else HEADER_FONT,
            fill=HEADER_FILL,
            comment=explanations[column.field] if explanations else None,
        )
        for column in COLUMNS
    ]


def _number_format(column) -> str | None:
    if column.field in TEXT_COLUMNS:
        return TEXT_FORMAT
    return DATE_FORMAT if column.is_date else None


def write_template(destination) -> None:
    """The blank roster: the headers, one example row, and a notes sheet with the allowed values."""
    workbook = SafeWorkbook()
    roster = workbook.sheet(sheet_title())
    notes = workbook.sheet(notes_title())
    explanations = column_notes()
    roster.append(_header(explanations))
    roster.append(
        Styled(EXAMPLE_ROW[column.header], number_format=_number_format(column)) for column in COLUMNS
    )
    roster.layout.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        dimension = roster.layout.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if _number_format(column):
            dimension.number_format = _number_format(column)
    _write_notes(notes, roster, explanations)
    workbook.save(destination)


def _allowed_values() -> list[tuple[str, str, list[str]]]:
    """(header, field, values) for each column with a list of allowed values."""
    lists = [
        (column.header, column.field, list(chinese_labels(CHOICES[column.field]).values()))
        for column in COLUMNS
        if column.field in CHOICES
    ]
    lists.append(
        ("专业特长", "specialties", list(Specialty.objects.order_by("name").values_list("name", flat=True)))
    )
    units = Unit.objects.order_by("name")
    lists.append(("派出单位", "sending_unit", list(units.filter(sends=True).values_list("name", flat=True))))
    lists.append(("挂职单位", "unit", list(units.filter(receives=True).values_list("name", flat=True))))
    return lists


def _write_notes(notes: SafeSheet, roster: SafeSheet, explanations: dict[str, str]) -> None:
    notes.append([Styled(_("How to fill in the roster"), font=Font(bold=True, size=14))])
    notes.append([])
    notes.append(
        Styled(text, font=HEADER_FONT, fill=HEADER_FILL)
        for text in (_("Column"), _("Required"), _("How to fill it in"))
    )
    wrap = Alignment(wrap_text=True, vertical="top")
    for column in COLUMNS:
        required = _("Yes") if column.header in REQUIRED_HEADERS else ""
        notes.append(
            Styled(text, alignment=wrap) for text in (column.header, required, explanations[column.field])
        )
    notes.append([])
    for line in general_notes():
        notes.append([Styled(line, alignment=wrap)])
    notes.append([])
    notes.append(
        Styled(text, font=HEADER_FONT, fill=HEADER_FILL)
        for text in (_("Header"), _("Also accepted as"), _("What it holds"))
    )
    for row in header_spellings():
        notes.append(Styled(text, alignment=wrap) for text in row)
    notes.layout.column_dimensions["A"].width = 12
    notes.layout.column_dimensions["B"].width = 8
    notes.layout.column_dimensions["C"].width = 70

    notes.put(2, 5, Styled(_("Allowed values"), font=HEADER_FONT))
    for offset, (header, field_name, values) in enumerate(_allowed_values()):
        index = 5 + offset
        letter = get_column_letter(index)
        notes.layout.column_dimensions[letter].width = 16
        notes.put(3, index, Styled(header, font=HEADER_FONT, fill=HEADER_FILL))
        for row, value in enumerate(values, start=4):
            notes.put(row, index, value)
        if values and field_name != "specialties":
            # A drop-down that still lets other spellings (党员, 本科 …) through.
            validation = DataValidation(
                type="list",
                formula1=f"'{notes.layout.title}'!${letter}$4:${letter}${3 + len(values)}",
                allow_blank=True,
                showErrorMessage=False,
            )
            roster.layout.add_data_validation(validation)
            target = get_column_letter(HEADERS.index(header) + 1)
            validation.add(f"{target}2:{target}2000")
