"""The guards that measure a spreadsheet (.xlsx, .ods, .xls) for what a reader would lay out in memory,
before any reader opens it."""

import io
import zipfile

import pytest

from guazhi.odsguard import check_ods
from guazhi.workbookguard import check_workbook
from guazhi.xlsguard import check_xls
from guazhi.xlsxguard import check_xlsx
from guazhi.zipguard import UnsafeFile

from .bombs import MAIN, RELS, SHEET_END, SHEET_START, Member, write_zip
from .sheet_bombs import (
    LIBREOFFICE_PADDING,
    far_corner_xls,
    far_corner_xlsx,
    ods,
    ods_cell,
    ods_row,
    ods_table,
    repeated_ods,
    shared_text_sheet,
    xls,
    xlsx,
)


def _refusal(call) -> str:
    with pytest.raises(UnsafeFile) as refused:
        call()
    return refused.value.message


def test_an_xlsx_with_a_value_at_the_far_corner_is_refused_though_it_holds_two_cells(tmp_path):
    message = _refusal(lambda: check_xlsx(far_corner_xlsx(tmp_path / "corner.xlsx")))
    assert "1048576" in message and "GR" in message


def test_formatted_empty_cells_far_away_cost_a_reader_nothing_and_pass(tmp_path):
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="900000"><c r="GR900000" s="1"/></row>'
    path = write_zip(tmp_path / "styled.xlsx", _xlsx_members(SHEET_START + rows + SHEET_END))
    check_xlsx(path)


def test_one_shared_text_shown_in_many_cells_counts_where_it_shows(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CHARS": 1000}
    check_xlsx(shared_text_sheet(tmp_path / "few.xlsx", cells=4, chars=200))
    message = _refusal(lambda: check_xlsx(shared_text_sheet(tmp_path / "many.xlsx", cells=6, chars=200)))
    assert "1000" in message


def _xlsx_members(sheet_xml: str, *, at: str = "xl/worksheets/sheet1.xml") -> list[Member]:
    target = at.removeprefix("xl/")
    return [
        Member(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        ),
        Member(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        Member(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="{target}"/></Relationships>',
        ),
        Member(at, sheet_xml),
    ]


def test_a_sheet_the_workbook_keeps_under_another_name_is_measured_too(tmp_path):
    far = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="GR1000000"><v>1</v></c></row>'
    path = write_zip(
        tmp_path / "moved.xlsx", _xlsx_members(SHEET_START + far + SHEET_END, at="xl/data/rows.xml")
    )
    assert "GR" in _refusal(lambda: check_xlsx(path))


def test_an_excel_binary_workbook_is_refused(tmp_path):
    path = tmp_path / "roster.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\0" * 64)
        archive.writestr("xl/worksheets/sheet1.bin", b"\0" * 64)
    assert ".xlsb" in _refusal(lambda: check_workbook(path))


def test_an_ods_as_libreoffice_writes_it_passes_with_its_padding(tmp_path):
    check_ods(
        ods(tmp_path / "ok.ods", ods_table(ods_row(ods_cell("姓名"), ods_cell("性别")), LIBREOFFICE_PADDING))
    )


def test_an_ods_cell_repeated_over_many_rows_is_refused_though_the_file_is_tiny(tmp_path):
    path = repeated_ods(tmp_path / "repeated.ods")
    assert path.stat().st_size < 2000
    assert "1000001" in _refusal(lambda: check_ods(path))


def test_the_sheets_of_an_ods_add_up_as_a_reader_loads_them_all(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CELLS": 100}
    table = ods_table(ods_row(ods_cell("县", columns=10), rows=6))
    check_ods(ods(tmp_path / "one.ods", table))
    _refusal(lambda: check_ods(ods(tmp_path / "two.ods", table, table)))


def test_an_ods_cell_past_the_last_column_accepted_is_refused(tmp_path):
    path = ods(tmp_path / "wide.ods", ods_table(ods_row(ods_cell("x"), ods_cell("y", columns=200))))
    assert "GS" in _refusal(lambda: check_ods(path))


def test_an_ods_cell_of_too_many_characters_is_refused(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CELL_CHARS": 100}
    path = ods(tmp_path / "long.ods", ods_table(ods_row(ods_cell("挂")), ods_row(ods_cell("挂" * 101))))
    assert "第2行" in _refusal(lambda: check_ods(path))


def test_an_ods_repeated_text_counts_in_every_cell_it_stands_for(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CHARS": 1000}
    check_ods(ods(tmp_path / "few.ods", ods_table(ods_row(ods_cell("挂" * 100, columns=5), rows=2))))
    _refusal(
        lambda: check_ods(ods(tmp_path / "many.ods", ods_table(ods_row(ods_cell("挂" * 100, columns=11)))))
    )


def test_an_ods_declaring_entities_is_refused(tmp_path):
    prologue = '<!DOCTYPE office:document-content [<!ENTITY a "aaaaaaaaaa">]>'
    path = ods(tmp_path / "laughs.ods", ods_table(ods_row(ods_cell("&a;"))), prologue=prologue)
    _refusal(lambda: check_ods(path))


def test_an_ods_whose_content_is_not_xml_is_refused(tmp_path):
    path = write_zip(
        tmp_path / "broken.ods", [Member("mimetype", "x"), Member("content.xml", "<office:document")]
    )
    _refusal(lambda: check_ods(path))


def test_an_ordinary_xls_passes(tmp_path):
    check_xls(
        xls(
            tmp_path / "ok.xls",
            {(row, column): f"格{row}{column}" for row in range(50) for column in range(24)},
        )
    )


def test_an_xls_with_a_value_at_the_far_corner_is_refused_though_it_is_tiny(tmp_path):
    path = far_corner_xls(tmp_path / "corner.xls")
    assert path.stat().st_size < 100_000
    assert "65536" in _refusal(lambda: check_xls(path))


def test_an_xls_value_past_the_last_column_accepted_is_refused(tmp_path):
    path = xls(tmp_path / "wide.xls", {(0, 0): "姓名", (3, 230): "x"})
    assert "第4行" in _refusal(lambda: check_xls(path))


def test_xls_texts_are_counted_exactly_where_they_cross_from_one_record_into_the_next(tmp_path, settings):
    # Texts of 8,000 characters fill BIFF records of at most 8,224 bytes, so nearly every one is split.
    cells = {(row, 0): ("a" if row % 2 else "挂") * 8000 + str(row) for row in range(6)}
    total = sum(len(text) for text in cells.values())
    path = xls(tmp_path / "long.xls", cells)
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CHARS": total}
    check_xls(path)
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CHARS": total - 1}
    _refusal(lambda: check_xls(path))


def test_an_xls_text_of_too_many_characters_is_refused(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_CELL_CHARS": 9000}
    assert "9000" in _refusal(lambda: check_xls(xls(tmp_path / "long.xls", {(0, 0): "挂" * 9001})))


def test_too_many_different_texts_in_an_xls_are_refused(tmp_path, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_SHARED_STRINGS": 10}
    _refusal(lambda: check_xls(xls(tmp_path / "texts.xls", {(row, 0): f"县{row}" for row in range(11)})))


@pytest.mark.parametrize(
    "content",
    [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
)
def test_an_ole_file_that_is_no_workbook_is_refused(content):
    _refusal(lambda: check_xls(io.BytesIO(content)))


def test_every_kind_is_told_by_its_content_whatever_its_name(tmp_path):
    named_xlsx = tmp_path / "roster.xlsx"
    named_xlsx.write_bytes(far_corner_xls(tmp_path / "corner.xls").read_bytes())
    _refusal(lambda: check_workbook(named_xlsx))
    named_xls = tmp_path / "roster.xls"
    named_xls.write_bytes(repeated_ods(tmp_path / "repeated.ods").read_bytes())
    _refusal(lambda: check_workbook(named_xls))
    check_workbook(xlsx(tmp_path / "ok.ods", {"A1": "姓名"}))
