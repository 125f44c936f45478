"""Workbooks the roster pages hand out: the blank template, the export, and a checked
upload returned with its problems marked."""

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cadres.choices import Degree, Education, Ethnicity, Gender, Grade, LeadershipLevel, PoliticalStatus
from cadres.models import Cadre, Specialty, Unit
from guazhi.masking import mask_id_number, mask_phone
from guazhi.workbooks import SafeSheet, SafeWorkbook, Styled

from ..models import Assignment, Secondment
from .checking import RosterCheck
from .columns import COLUMNS, EXAMPLE_ROW, HEADERS, REQUIRED_HEADERS, chinese_labels

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
            yield [(value or None) if isinstance(value, str) else value for value in values]


def write_roster(secondments: QuerySet[Secondment], destination, *, show_personal_data: bool) -> int:
    """Write the roster workbook of the secondments, in their order; returns the number of rows."""
    workbook = SafeWorkbook(write_only=True)
    sheet = workbook.sheet(sheet_title())
    sheet.layout.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.layout.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append(HEADERS)
    count = 0
    for row in roster_rows(secondments, show_personal_data=show_personal_data):
        sheet.append(row)
        count += 1
    workbook.save(destination)
    return count


def problems_title() -> str:
    return _("Problems")


def write_error_workbook(rows: Iterable[tuple], check: RosterCheck, destination) -> None:
    """The checked sheet back, row by row as it was read, with a column naming each row's
    problems and the faulty cells shaded; written as a stream, never held whole."""
    sheet_read = check.sheet
    title = problems_title()
    header_cells = list(sheet_read.header_cells)
    positions = {text: index for index, text in enumerate(header_cells) if text and text != title}
    problem_column = header_cells.index(title) if title in header_cells else len(header_cells)
    last_row = max(
        [sheet_read.header_row, sheet_read.skipped_example or 0, *(r.number for r in sheet_read.rows)]
    )
    by_row = defaultdict(list)
    for error in check.errors:
        by_row[error.row].append(error)

    workbook = SafeWorkbook(write_only=True)
    sheet = workbook.sheet(sheet_title())
    sheet.layout.column_dimensions[get_column_letter(problem_column + 1)].width = 60
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, values in enumerate(rows, start=1):
        if number > last_row:
            break
        cells: list = [_as_written(value) for value in values]
        if number < sheet_read.header_row:
            sheet.append(cells)
            continue
        cells += [None] * (problem_column + 1 - len(cells))
        if number == sheet_read.header_row:
            cells = [_restyled(value, font=HEADER_FONT) for value in cells]
            cells[problem_column] = Styled(title, font=REQUIRED_FONT)
        elif errors := by_row.get(number):
            for error in errors:
                if error.column in positions:
                    index = positions[error.column]
                    cells[index] = _restyled(cells[index], fill=PROBLEM_FILL)
            reasons = "；".join(f"{error.column}: {error.reason}" for error in errors)
            cells[problem_column] = Styled(reasons, alignment=wrap)
        else:
            cells[problem_column] = None
        sheet.append(cells)
    workbook.save(destination)


def _restyled(value, **style) -> Styled:
    return dataclasses.replace(value, **style) if isinstance(value, Styled) else Styled(value, **style)


def _as_written(value):
    """A value read from the sheet as it goes back: a date without the time of day it never had."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return Styled(value.date(), number_format=DATE_FORMAT)
    return value
