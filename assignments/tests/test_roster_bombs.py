"""Workbooks of about 1 MB that unpack to a gigabyte, and small spreadsheets (.xlsx, .ods, .xls)
that a reader would lay out in gigabytes, are refused in seconds, in little memory, on the upload
page and by import_roster."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from assignments.models import Secondment
from cadres.models import Cadre
from guazhi.tests.bombs import BOMBS, measured
from guazhi.tests.sheet_bombs import LAYOUT_BOMBS

SECONDS = 5
MEGABYTES = 200
# Honest headers are refused from the zip's directory; headers that understate the size are
# caught while the members stream through the guard.
HEADERS = {"honest headers": None, "headers that understate the size": 40 << 20}
CASES = [(bomb, headers) for bomb in BOMBS for headers in HEADERS]


@pytest.fixture(scope="module")
def bomb_files(tmp_path_factory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {
        (bomb, headers): BOMBS[bomb](folder / f"{index}.xlsx", declared_size=HEADERS[headers])
        for index, (bomb, headers) in enumerate(CASES)
    }


@pytest.mark.parametrize(("bomb", "headers"), CASES)
def test_the_upload_page_refuses_a_workbook_bomb_quickly_and_in_little_memory(
    officer_client, bomb_files, bomb, headers
):
    path = bomb_files[bomb, headers]
    assert path.stat().st_size < 3 << 20
    upload = SimpleUploadedFile("花名册.xlsx", path.read_bytes())
    with measured() as cost:
        response = officer_client.post(reverse("assignments:roster_import"), {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert cost.seconds < SECONDS
    assert cost.peak_bytes < MEGABYTES << 20
    assert not Secondment.objects.exists()


@pytest.mark.parametrize(("bomb", "headers"), CASES)
def test_import_roster_refuses_a_workbook_bomb_quickly_and_in_little_memory(db, bomb_files, bomb, headers):
    errors = StringIO()
    with measured() as cost, pytest.raises(CommandError) as refusal:
        call_command("import_roster", str(bomb_files[bomb, headers]), stderr=errors)
    assert refusal.value.args[0]
    assert cost.seconds < SECONDS
    assert cost.peak_bytes < MEGABYTES << 20
    assert not Cadre.objects.exists()


@pytest.fixture(scope="module")
def layout_bomb_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("layout_bombs")
    return {
        name: make(folder / f"{index}.{kind}")
        for index, (name, (make, kind)) in enumerate(LAYOUT_BOMBS.items())
    }


@pytest.mark.parametrize("bomb", LAYOUT_BOMBS)
def test_the_upload_page_refuses_a_small_file_a_reader_would_lay_out_in_gigabytes(
    officer_client, layout_bomb_files, bomb
):
    path = layout_bomb_files[bomb]
    assert path.stat().st_size < 3 << 20
    upload = SimpleUploadedFile(f"花名册.{LAYOUT_BOMBS[bomb][1]}", path.read_bytes())
    with measured() as cost:
        response = officer_client.post(reverse("assignments:roster_import"), {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert cost.seconds < SECONDS
    assert cost.peak_bytes < MEGABYTES << 20
    assert not Secondment.objects.exists()


@pytest.mark.parametrize("bomb", LAYOUT_BOMBS)
def test_import_roster_refuses_a_small_file_a_reader_would_lay_out_in_gigabytes(db, layout_bomb_files, bomb):
    with measured() as cost, pytest.raises(CommandError) as refusal:
        call_command("import_roster", str(layout_bomb_files[bomb]), stderr=StringIO())
    assert refusal.value.args[0]
    assert cost.seconds < SECONDS
    assert cost.peak_bytes < MEGABYTES << 20
    assert not Cadre.objects.exists()
