"""Workbooks the roster pages hand out: the export, and a checked upload returned with its
problems marked (the blank template is ``template``)."""

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cadres.choices import Degree, Education, Ethnicity, Gender, Grade, LeadershipLevel, PoliticalStatus
from cadres.models import Cadre
from guazhi.masking import mask_id_number, mask_phone
from guazhi.workbooks import SafeWorkbook, Styled

from ..models import Assignment, Secondment
from .checking import RosterCheck
from .columns import COLUMNS, HEADERS, chinese_labels

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
    """The checked sheet back, row by row as it was read (from an .xlsx, .xls or .ods alike, always
    written as .xlsx), with a column naming each row's problems and the faulty cells shaded; written
    as a stream, never held whole."""
    sheet_read = check.sheet
    title = problems_title()
    header_cells = list(sheet_read.header_cells)
    positions = {text: index for index, text in enumerate(header_cells) if text and text != title}
    problem_column = header_cells.index(title) if title in header_cells else len(header_cells)
    last_row = max(sheet_read.last_row, sheet_read.header_row)
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
