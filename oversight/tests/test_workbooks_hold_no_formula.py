"""No workbook the system writes holds a formula, or text a spreadsheet program would run,
whatever the names on file or in an upload say."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from assignments.tests.roster_helpers import roster_row, workbook_bytes
from cadres.choices import UnitTier
from cadres.models import Specialty, Unit
from guazhi.workbooks import FORMULA_STARTS, neutralise, safe, unneutralise

HYPERLINK = '=HYPERLINK("http://x","y")'
COMMAND = "=cmd|' /C calc'!A0"


@pytest.fixture
def hostile_world(db, officer, make_cadre, make_post, make_secondment, settings, tmp_path):
    """A county whose units, specialty, cadre and term are named to run as formulas."""
    settings.MEDIA_ROOT = tmp_path
    receiving = Unit.objects.create(name=HYPERLINK, tier=UnitTier.COUNTY, receives=True)
    sending = Unit.objects.create(name="@SUM(1+1)", tier=UnitTier.PROVINCIAL, sends=True)
    specialty = Specialty.objects.create(name=COMMAND)
    cadre = make_cadre("+王五", home_position="-副处长", phone="+86 139", specialties=[specialty])
    post = make_post(unit=receiving, title="=1+1", portfolio="\t=1+1", specialties=[specialty])
    make_secondment(cadre, "in_post", post=post, sending_unit=sending, batch="-2025")
    make_secondment(make_cadre("赵丽娟", birth_date=cadre.birth_date.replace(year=1990)), "expected")
    return receiving


def _cells(content: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_harmless(content: bytes) -> int:
    cells = [cell for cell in _cells(content) if cell.value is not None]
    assert cells
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    runnable = [
        cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
    ]
    assert runnable == []
    return len(cells)


def _download(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_roster_export_holds_no_formula(officer_client, hostile_world):
    content = _download(officer_client.get(reverse("assignments:roster_export")))
    _assert_harmless(content)
    assert "'" + HYPERLINK in [cell.value for cell in _cells(content)]


def test_the_roster_template_and_its_drop_down_lists_hold_no_formula(officer_client, hostile_world):
    content = _download(officer_client.get(reverse("assignments:roster_template")))
    _assert_harmless(content)
    values = [cell.value for cell in _cells(content)]
    assert "'" + HYPERLINK in values and "'" + COMMAND in values


def test_the_workbook_returned_with_its_problems_holds_no_formula(
    officer_client, hostile_world, sending_unit
):
    rows = [
        roster_row(1, 原职务=HYPERLINK, 分管工作="-预算", 挂职单位=""),
        roster_row(2, 性别="@X", 批次="+1", 挂职单位=""),
    ]
    # The first title row is a live formula in the upload; it never comes back as one.
    content = workbook_bytes(rows, title_rows=[[COMMAND], ["+县挂职干部花名册"]])
    response = officer_client.post(
        reverse("assignments:roster_import"), {"file": SimpleUploadedFile("花名册.xlsx", content)}
    )
    token = officer_client.get(response.url).context["token"]
    marked = _download(officer_client.get(reverse("assignments:roster_errors", args=[token])))
    _assert_harmless(marked)
    values = [cell.value for cell in _cells(marked)]
    assert "'+县挂职干部花名册" in values and "'" + HYPERLINK in values and "'@X" in values


def test_the_county_summary_workbook_holds_no_formula(officer_client, hostile_world):
    content = _download(officer_client.get(reverse("oversight:summary_xlsx")))
    _assert_harmless(content)
    assert any(HYPERLINK in str(cell.value) for cell in _cells(content))


def test_export_roster_writes_no_formula(hostile_world, tmp_path):
    call_command("export_roster", str(tmp_path / "out.xlsx"), stdout=io.StringIO())
    _assert_harmless((tmp_path / "out.xlsx").read_bytes())


def test_text_led_by_a_tab_or_a_line_break_is_neutralised_and_the_import_restores_it():
    for text in ("\t=1+1", "\r=1+1", "\n=1+1", "=1+1", "+1", "-1", "@A1"):
        assert safe(text) == "'" + text and unneutralise(neutralise(text)) == text
    assert safe(-1) == -1 and safe("王五") == "王五"
