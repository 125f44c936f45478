"""Workbooks the roster pages hand out: the blank template, the export, and a checked
upload returned with its problems marked."""

from collections import defaultdict
from collections.abc import Iterator

import openpyxl
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cadres.choices import Degree, Education, Ethnicity, Gender, Grade, LeadershipLevel, PoliticalStatus
from cadres.models import Cadre, Specialty, Unit
from guazhi.masking import mask_id_number, mask_phone
from guazhi.text import xml_safe

from ..models import Assignment, Secondment
from .checking import RosterCheck
from .columns import COLUMNS, EXAMPLE_ROW, HEADERS, REQUIRED_HEADERS, chinese_labels, neutralise, squeeze

HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="9F1C1C")
HEADER_FILL = PatternFill("solid", fgColor="FFE9ECEF")
PROBLEM_FILL = PatternFill("solid", fgColor="FFF8D7DA")
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
CHOICES = {
    "gender": Gender,
    "ethnicity": Ethnicity,
    "political_status": PoliticalStatus,
    "education": Education,
    "degree": Degree,
    "leadership_level": LeadershipLevel,
    "grade": Grade,
}
TEXT_COLUMNS = ("birth_date", "id_number", "phone")


def sheet_title() -> str:
    return _("Roster")


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
            "Headers are matched by their text: the columns may be in any order, and other columns are ignored."
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


def _style_header(ws, row: int = 1) -> None:
    for index, header in enumerate(HEADERS, start=1):
        cell = ws.cell(row=row, column=index)
        cell.font = REQUIRED_FONT if header in REQUIRED_HEADERS else HEADER_FONT
        cell.fill = HEADER_FILL


def write_template(destination) -> None:
    """The blank roster: the headers, one example row, and a notes sheet with the allowed values."""
    workbook = openpyxl.Workbook()
    roster = workbook.active
    roster.title = sheet_title()
    notes = workbook.create_sheet(notes_title())
    explanations = column_notes()
    roster.append(list(HEADERS))
    _style_header(roster)
    roster.append([EXAMPLE_ROW[header] for header in HEADERS])
    roster.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        roster.column_dimensions[letter].width = column.width
        roster.cell(row=1, column=index).comment = Comment(explanations[column.field], "guazhi")
        if column.field in TEXT_COLUMNS:
            roster.column_dimensions[letter].number_format = TEXT_FORMAT
            roster.cell(row=2, column=index).number_format = TEXT_FORMAT
        elif column.is_date:
            roster.column_dimensions[letter].number_format = DATE_FORMAT
            roster.cell(row=2, column=index).number_format = DATE_FORMAT
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


def _write_notes(notes, roster, explanations: dict[str, str]) -> None:
    notes.append([_("How to fill in the roster")])
    notes["A1"].font = Font(bold=True, size=14)
    notes.append([])
    notes.append([_("Column"), _("Required"), _("How to fill it in")])
    for cell in notes[3]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for column in COLUMNS:
        required = _("Yes") if column.header in REQUIRED_HEADERS else ""
        notes.append([column.header, required, explanations[column.field]])
    notes.append([])
    for line in general_notes():
        notes.append([line])
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 8
    notes.column_dimensions["C"].width = 70
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in notes.iter_rows(min_row=4, max_row=notes.max_row, max_col=3):
        for cell in row:
            cell.alignment = wrap

    notes.cell(row=2, column=5, value=_("Allowed values")).font = HEADER_FONT
    for offset, (header, field_name, values) in enumerate(_allowed_values()):
        index = 5 + offset
        letter = get_column_letter(index)
        notes.column_dimensions[letter].width = 16
        head = notes.cell(row=3, column=index, value=header)
        head.font = HEADER_FONT
        head.fill = HEADER_FILL
        for row, value in enumerate(values, start=4):
            notes.cell(row=row, column=index, value=value)
        if values and field_name != "specialties":
            # A drop-down that still lets other spellings (党员, 本科 …) through.
            validation = DataValidation(
                type="list",
                formula1=f"'{notes.title}'!${letter}$4:${letter}${3 + len(values)}",
                allow_blank=True,
                showErrorMessage=False,
            )
            roster.add_data_validation(validation)
            target = get_column_letter(HEADERS.index(header) + 1)
            validation.add(f"{target}2:{target}2000")


ROSTER_VALUES = (
    "pk",
    "cadre_id",
    "cadre__name",
    "cadre__gender",
    "cadre__birth_date",
    "cadre__ethnicity",
    "cadre__political_status",
    "cadre__id_number",
    "cadre__education",
    "cadre__degree",
    "cadre__leadership_level",
    "cadre__grade",
    "cadre__home_unit__name",
    "cadre__home_position",
    "cadre__phone",
    "sending_unit__name",
    "batch",
    "appointment_document",
    "term_start",
    "term_end",
    "reported_on",
    "actual_end",
)
CHUNK = 2000


def _specialties_of(cadre_ids: set[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    through = Cadre.specialties.through.objects.filter(cadre_id__in=cadre_ids).order_by("specialty__name")
    for cadre_id, name in through.values_list("cadre_id", "specialty__name"):
        found[cadre_id].append(name)
    return found


def _placements_of(secondment_ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """Each secondment's current post, or its last one once none is open."""
    placements: dict[int, tuple[str, str, str]] = {}
    still_open: set[int] = set()
    held = (
        Assignment.objects.filter(secondment_id__in=secondment_ids)
        .order_by("start_date", "id")
        .values_list("secondment_id", "post__unit__name", "title", "duties", "end_date")
    )
    for secondment_id, unit, title, duties, end_date in held:
        if secondment_id in still_open and end_date is not None:
            continue
        placements[secondment_id] = (unit, title, duties)
        if end_date is None:
            still_open.add(secondment_id)
    return placements


def roster_rows(secondments: QuerySet[Secondment], *, show_personal_data: bool) -> Iterator[list]:
    """One row of cell values per secondment, in the import's columns; three queries per 2,000 rows.

    ID numbers and phones are masked unless ``show_personal_data``.
    """
    label = {name: chinese_labels(choices) for name, choices in CHOICES.items()}
    rows = list(secondments.values_list(*ROSTER_VALUES))
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        specialties = _specialties_of({row[1] for row in chunk})
        placements = _placements_of([row[0] for row in chunk])
        for row in chunk:
            (pk, cadre_id, name, gender, birth, ethnicity, political, id_number, education, degree, level, grade,
             home_unit, home_position, phone, sending_unit, batch, document, start_on, end_on, reported_on,
             actual_end) = row  # fmt: skip
            unit, title, duties = placements.get(pk, ("", "", ""))
            values = [
                name,
                label["gender"].get(gender, ""),
                birth.strftime("%Y.%m"),
                label["ethnicity"].get(ethnicity, ""),
                label["political_status"].get(political, ""),
                id_number if show_personal_data else mask_id_number(id_number),
                label["education"].get(education, ""),
                label["degree"].get(degree, ""),
                label["leadership_level"].get(level, ""),
                label["grade"].get(grade, ""),
                home_unit,
                home_position,
                "、".join(specialties.get(cadre_id, ())),
                phone if show_personal_data else mask_phone(phone),
                sending_unit,
                batch,
                document,
                start_on,
                end_on,
                reported_on,
                unit,
                title,
                duties,
                actual_end,
            ]
            # Empty text is written as no cell at all, which spreadsheet programs and the importer
            # read the same way, and which saves a good part of the writing time.
            yield [
                (neutralise(xml_safe(value)) or None) if isinstance(value, str) else value for value in values
            ]


def write_roster(secondments: QuerySet[Secondment], destination, *, show_personal_data: bool) -> int:
    """Write the roster workbook of the secondments, in their order; returns the number of rows."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title())
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append(list(HEADERS))
    count = 0
    for row in roster_rows(secondments, show_personal_data=show_personal_data):
        sheet.append(row)
        count += 1
    workbook.save(destination)
    return count


def problems_title() -> str:
    return _("Problems")


def write_error_workbook(source, check: RosterCheck, destination) -> None:
    """The uploaded workbook with a column naming each row's problems and the faulty cells shaded."""
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.worksheets[0]
    header_row = check.sheet.header_row
    title = problems_title()
    positions = {}
    problem_column = None
    for cell in sheet[header_row]:
        text = squeeze(str(cell.value)) if cell.value is not None else ""
        if text == title:
            problem_column = cell.column
        elif text:
            positions[text] = cell.column
    if problem_column is None:
        problem_column = sheet.max_column + 1
    head = sheet.cell(row=header_row, column=problem_column, value=title)
    head.font = REQUIRED_FONT
    sheet.column_dimensions[get_column_letter(problem_column)].width = 60
    by_row = defaultdict(list)
    for error in check.errors:
        by_row[error.row].append(error)
    for row in range(header_row + 1, sheet.max_row + 1):
        errors = by_row.get(row)
        cell = sheet.cell(
            row=row,
            column=problem_column,
            value="；".join(f"{e.column}: {e.reason}" for e in errors) if errors else None,
        )
        if errors:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            for error in errors:
                if error.column in positions:
                    sheet.cell(row=row, column=positions[error.column]).fill = PROBLEM_FILL
    workbook.save(destination)
