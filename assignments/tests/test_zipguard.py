"""The guard every zip-based upload passes before a parser sees it, and the workbook scan behind it."""

import io
import os
import struct
import zipfile

import pytest

from assignments.roster import write_template
from guazhi.tests.bombs import MAIN, SHEET_END, SHEET_START, SST_START, Member, sheet, workbook
from guazhi.xlsxguard import check_xlsx
from guazhi.zipguard import UnsafeFile, check_zip, damaged


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def _refusal(call) -> str:
    with pytest.raises(UnsafeFile) as refused:
        call()
    return refused.value.message


def test_an_ordinary_zip_passes_and_is_left_at_its_start():
    archive = _zip({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"})
    assert sorted(check_zip(archive)) == ["[Content_Types].xml", "word/document.xml"]
    assert archive.tell() == 0


def test_a_zip_of_too_many_parts_is_refused(settings):
    settings.GUAZHI = {**settings.GUAZHI, "UNZIP_MAX_MEMBERS": 3}
    archive = _zip({f"part{n}.xml": b"<a/>" for n in range(4)})
    assert "4" in _refusal(lambda: check_zip(archive))


def test_a_part_that_unpacks_past_the_limit_is_refused(settings):
    settings.GUAZHI = {**settings.GUAZHI, "UNZIP_MAX_MEMBER_BYTES": 1000}
    archive = _zip({"big.xml": bytes(range(256)) * 8}, method=zipfile.ZIP_STORED)
    assert "big.xml" in _refusal(lambda: check_zip(archive))


def test_parts_that_unpack_past_the_total_together_are_refused(settings):
    settings.GUAZHI = {**settings.GUAZHI, "UNZIP_MAX_BYTES": 3000}
    archive = _zip({f"part{n}.bin": bytes(range(256)) * 4 for n in range(3)}, method=zipfile.ZIP_STORED)
    _refusal(lambda: check_zip(archive))


def test_a_part_compressed_past_the_ratio_is_refused():
    archive = _zip({"xl/worksheets/sheet1.xml": b" " * (2 << 20)})
    assert "100" in _refusal(lambda: check_zip(archive))


def test_a_small_part_may_compress_well():
    check_zip(_zip({"xl/styles.xml": b" " * 50_000}))


def test_a_part_whose_header_understates_its_size_is_refused_as_damaged():
    archive = bytearray(_zip({"a.bin": os.urandom(200_000)}, method=zipfile.ZIP_STORED).getvalue())
    directory = archive.rfind(b"PK\x01\x02")
    archive[directory + 24 : directory + 28] = struct.pack("<I", 100_000)
    assert _refusal(lambda: check_zip(io.BytesIO(bytes(archive)))) == damaged().message


def test_an_encrypted_zip_is_refused():
    archive = bytearray(_zip({"a.xml": b"<a/>"}).getvalue())
    # Set the "encrypted" flag in the local header and the central directory.
    archive[6] |= 1
    directory = archive.rfind(b"PK\x01\x02")
    archive[directory + 8] |= 1
    _refusal(lambda: check_zip(io.BytesIO(bytes(archive))))


def test_a_zip_compressed_another_way_than_office_programs_do_is_refused():
    _refusal(lambda: check_zip(_zip({"a.xml": b"<a/>" * 100}, method=zipfile.ZIP_LZMA)))


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", b"%PDF-1.4"])
def test_what_is_not_a_zip_is_refused(content):
    _refusal(lambda: check_zip(io.BytesIO(content)))


def test_the_roster_template_passes_the_workbook_scan(db):
    template = io.BytesIO()
    write_template(template)
    template.seek(0)
    check_xlsx(template)


def test_a_row_of_too_many_cells_is_refused(tmp_path):
    path = workbook(tmp_path / "wide.xlsx", sheet(start='<row r="7">' + "<c/>" * 201, end="</row>"))
    assert "7" in _refusal(lambda: check_xlsx(path))


def test_a_cell_past_the_last_column_accepted_is_refused(tmp_path):
    path = workbook(tmp_path / "far.xlsx", sheet(start='<row r="2"><c r="XFD2"><v>1</v></c>', end="</row>"))
    assert "XFD" in _refusal(lambda: check_xlsx(path))


def test_a_sheet_of_too_many_cells_is_refused(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CELLS": 100}
    rows = "".join(f'<row r="{n}">' + "<c><v>1</v></c>" * 10 + "</row>" for n in range(2, 13))
    _refusal(lambda: check_xlsx(workbook(tmp_path / "many.xlsx", sheet(start=rows))))


def test_a_cell_of_too_many_characters_is_refused(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CELL_CHARS": 100}
    cell = '<row r="3"><c r="B3" t="inlineStr"><is><t>' + "挂" * 101 + "</t></is></c></row>"
    assert "3" in _refusal(lambda: check_xlsx(workbook(tmp_path / "long.xlsx", sheet(start=cell))))


def test_too_many_shared_strings_are_refused(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_SHARED_STRINGS": 10}
    strings = Member("xl/sharedStrings.xml", SST_START + "<si><t>县</t></si>" * 11 + "</sst>")
    _refusal(lambda: check_xlsx(workbook(tmp_path / "strings.xlsx", sheet(), strings)))


def test_a_workbook_declaring_entities_is_refused(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>&b;</t></is></c></row>'
    )
    path = workbook(tmp_path / "laughs.xlsx", Member("xl/worksheets/sheet1.xml", laughs + SHEET_END))
    _refusal(lambda: check_xlsx(path))


def test_a_sheet_that_is_not_xml_is_refused(tmp_path):
    path = workbook(tmp_path / "broken.xlsx", Member("xl/worksheets/sheet1.xml", SHEET_START + "<row"))
    _refusal(lambda: check_xlsx(path))
