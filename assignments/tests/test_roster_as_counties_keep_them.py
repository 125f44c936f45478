"""Rosters as counties keep them: a title above the headers, headers spelled the office's way,
columns holding two facts, notes under the data, and saved as .xlsx, .xls or .ods alike."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from assignments.models import Assignment, Secondment
from assignments.roster import check_roster, read_workbook, write_template
from cadres.models import Cadre, Unit
from conftest import TODAY, make_id_number
from guazhi.dates import add_months

from .roster_helpers import roster_row, workbook_of_kind

KINDS = ("xlsx", "xls", "ods")
# The rows' term began on the first of the month a year ago and runs two years.
START = add_months(TODAY.replace(day=1), -12)
END = add_months(START, 24)
TITLE = [f"XX县{START.year}年挂职干部花名册"]
FILED_BY = ["填报单位：XX县委组织部", "", "", "", "", "", f"填报时间：{TODAY:%Y年%m月%d日}"]
HEADERS = (
    "序号",
    "姓  名",
    "性别",
    "出生年月\n（年.月）",
    "民 族",
    "政治\n面貌",
    "身份证号码",
    "原单位及职务",
    "派出单位",
    "挂职单位及职务",
    "挂职时间",
    "联系方式",
    "备注",
)


def county_row(n: int, **overrides) -> dict:
    """A row as an office writes it, by the county's own headers."""
    birth = datetime.date(1980 + n, 1 + n, 10 + n)
    row = {
        "序号": n,
        "姓  名": ["李明轩", "王静怡", "赵丽娟", "陈晓燕"][n],
        "性别": ["男", "女", "女", "女"][n],
        "出生年月\n（年.月）": f"{birth:%Y.%m}",
        "民 族": "汉族",
        "政治\n面貌": "中共党员",
        "身份证号码": make_id_number(birth, male=n == 0, serial=30 + n),
        "原单位及职务": "省财政厅预算处副处长",
        "派出单位": "省财政厅",
        "挂职单位及职务": "县财政局副局长",
        "挂职时间": f"{START:%Y.%m}-{END:%Y.%m}",
        "联系方式": f"1390000{n:04d}",
        "备注": "",
    }
    row.update(overrides)
    return row


COUNTY_ROWS = [
    county_row(0),
    county_row(1, 挂职时间=f"{START.year}年{START.month}月至{END.year}年{END.month}月"),
    county_row(2, 挂职单位及职务="", 挂职时间=f"{START:%Y.%m}—{END:%Y.%m}"),
]
NOTES = [[], ["注：1.本表由各派出单位填报；2.挂职时间按任职文件填写。"]]


def county_roster(kind: str, rows=COUNTY_ROWS, notes=NOTES, headers=HEADERS) -> bytes:
    """A title, a 填报单位 line, the headers, the rows, then an empty row and a note."""
    note_rows = [dict(zip(headers, line, strict=False)) for line in notes]
    return workbook_of_kind(kind, [*rows, *note_rows], headers, title_rows=[TITLE, FILED_BY])


@pytest.fixture
def county(sending_unit, unit_a, specialty):
    return unit_a


def _import(path, *args) -> str:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_roster", str(path), *args, stdout=out, stderr=err)
    except CommandError as refusal:
        raise AssertionError(err.getvalue()) from refusal
    return out.getvalue()


def _refusal(path) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_roster", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def _expected_records() -> None:
    secondments = {s.cadre.name: s for s in Secondment.objects.select_related("cadre")}
    assert set(secondments) == {"李明轩", "王静怡", "赵丽娟"}
    assert {s.term_start for s in secondments.values()} == {START}
    assert {s.term_end for s in secondments.values()} == {END}
    assert secondments["李明轩"].status == "in_post" and secondments["赵丽娟"].status == "expected"
    cadre = Cadre.objects.get(name="李明轩")
    assert cadre.home_unit.name == "省财政厅" and cadre.home_position == "预算处副处长"
    assert cadre.phone == "13900000000"
    placement = Assignment.objects.get(secondment=secondments["李明轩"])
    assert placement.post.unit.name == "县财政局" and placement.title == "副局长"


@pytest.mark.parametrize("kind", KINDS)
def test_a_county_roster_imports_from_every_kind_of_spreadsheet_alike(tmp_path, county, kind):
    path = tmp_path / f"花名册.{kind}"
    path.write_bytes(county_roster(kind))
    out = _import(path)
    assert "干部：新增3人" in out and "岗位安排：新增2条" in out
    _expected_records()


@pytest.mark.parametrize("kind", ("xlsx", "xls"))
def test_a_county_roster_uploaded_on_the_page_previews_and_imports(
    officer_client, county, kind, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile(f"花名册.{kind}", county_roster(kind))
    response = officer_client.post(reverse("assignments:roster_import"), {"file": upload})
    assert response.status_code == 302
    preview = officer_client.get(response.url)
    assert preview.context["check"].ok
    assert [row.placement for row in preview.context["rows"]] == ["县财政局 副局长", "县财政局 副局长", ""]
    token = preview.context["token"]
    officer_client.post(reverse("assignments:roster_confirm", args=[token]))
    _expected_records()


@pytest.mark.parametrize("kind", KINDS)
def test_problems_are_named_by_the_row_number_the_spreadsheet_shows_and_the_sheet_s_own_header(
    tmp_path, county, kind
):
    rows = [county_row(0), county_row(1, **{"政治\n面貌": ""}, 挂职时间="2023年春")]
    path = tmp_path / f"花名册.{kind}"
    path.write_bytes(county_roster(kind, rows))
    err = _refusal(path)
    # The title and the 填报单位 line are rows 1 and 2, the headers row 3: the second cadre is row 5.
    assert "第5行 政治面貌: 这个字段是必填项。" in err
    assert "第5行 挂职时间: “2023年春”不是写明起止时间的挂职期限" in err
    assert not Cadre.objects.exists()


def test_headers_are_matched_without_spaces_line_breaks_notes_or_marks_and_by_their_long_spellings(
    tmp_path, county
):
    spelled = {
        "姓名": "*姓 名",
        "出生年月": "出生年月\n(年.月)",
        "身份证号": "公民身份号码（18位）",
        "联系电话": "手机号码",
        "挂职开始": "挂职起始时间",
        "挂职结束": "挂职结束时间：",
        "报到日期": "到岗时间",
        "挂职单位": "接收单位",
        "挂任职务": "挂职职务",
    }
    row = roster_row(1)
    headers = [spelled.get(header, header) for header in row]
    path = tmp_path / "roster.xlsx"
    path.write_bytes(workbook_of_kind("xlsx", [{spelled.get(h, h): v for h, v in row.items()}], headers))
    _import(path)
    cadre = Cadre.objects.get()
    assert cadre.name == "干部0001" and cadre.phone == row["联系电话"]
    assert Assignment.objects.get().title == "副局长"


def test_two_columns_giving_the_same_fact_are_refused_by_name(tmp_path, county):
    headers = [*HEADERS, "挂职单位"]
    path = tmp_path / "roster.xlsx"
    path.write_bytes(county_roster("xlsx", headers=headers))
    with pytest.raises(CommandError) as refusal:
        call_command("import_roster", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert "第3行的“挂职单位及职务”列和“挂职单位”列都填的是挂职单位，请只保留其中一列。" in str(refusal.value)


def test_a_combined_cell_is_split_at_the_longest_unit_on_file_it_begins_with(tmp_path, county):
    Unit.objects.create(name="县财政局国库支付中心", tier="county", receives=True)
    path = tmp_path / "roster.xls"
    path.write_bytes(county_roster("xls", [county_row(0, 挂职单位及职务="县财政局国库支付中心 副主任")]))
    _import(path)
    placement = Assignment.objects.get()
    assert placement.post.unit.name == "县财政局国库支付中心" and placement.title == "副主任"


def test_a_combined_cell_that_begins_with_no_unit_on_file_is_named(tmp_path, county):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(county_roster("xlsx", [county_row(0, 挂职单位及职务="白石乡副乡长")]))
    err = _refusal(path)
    assert "第4行 挂职单位及职务: “白石乡副乡长”的开头不是系统中已有的任何单位" in err


def test_a_unit_the_roster_names_in_a_column_of_its_own_splits_a_combined_cell_when_units_may_be_created(
    tmp_path, county
):
    row = county_row(0, 派出单位="省交通运输厅", 原单位及职务="省交通运输厅规划处处长")
    path = tmp_path / "roster.xlsx"
    path.write_bytes(county_roster("xlsx", [row]))
    assert "第4行 派出单位: 系统中没有单位“省交通运输厅”" in _refusal(path)
    _import(path, "--create-units")
    cadre = Cadre.objects.get()
    assert cadre.home_unit.name == "省交通运输厅" and cadre.home_position == "规划处处长"


@pytest.mark.parametrize(
    "written",
    [
        f"{START:%Y.%m}-{END:%Y.%m}",
        f"{START:%Y.%m}—{END:%Y.%m}",
        f"{START.year}年{START.month}月至{END.year}年{END.month}月",
        f"{START:%Y-%m-%d}-{END:%Y-%m-%d}",
        f"{START:%Y.%m.%d}～{END:%Y.%m.%d}",
    ],
)
def test_a_term_written_as_one_range_gives_its_start_and_end(tmp_path, county, written):
    path = tmp_path / "roster.ods"
    path.write_bytes(county_roster("ods", [county_row(0, 挂职时间=written)]))
    _import(path)
    secondment = Secondment.objects.get()
    assert (secondment.term_start, secondment.term_end) == (START, END)


def test_a_note_line_straight_under_the_data_and_all_below_it_are_left_out(tmp_path, county):
    notes = [["说明：挂职时间以任职文件为准。"], ["填表人：张三", "", "", "", "", "", "审核人：李四"]]
    path = tmp_path / "roster.xlsx"
    path.write_bytes(county_roster("xlsx", notes=notes))
    assert "干部：新增3人" in _import(path)


def test_an_incomplete_row_straight_under_the_data_is_still_reported(tmp_path, county):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(county_roster("xlsx", notes=[["", "陈晓燕"]]))
    assert "第7行 政治面貌: " in _refusal(path)


@pytest.mark.parametrize("kind", ("xls", "ods"))
def test_dates_kept_as_dates_in_an_xls_or_ods_are_read_as_dates(tmp_path, county, kind):
    reported = START + datetime.timedelta(days=3)
    rows = [roster_row(1, 挂职开始=START, 挂职结束=END, 报到日期=reported)]
    path = tmp_path / f"roster.{kind}"
    path.write_bytes(workbook_of_kind(kind, rows))
    _import(path)
    secondment = Secondment.objects.get()
    assert (secondment.term_start, secondment.term_end, secondment.reported_on) == (START, END, reported)


@pytest.mark.parametrize("kind", ("xls", "ods"))
def test_an_xls_or_ods_with_a_problem_comes_back_as_an_xlsx_with_the_problem_column(
    officer_client, county, kind, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    rows = [county_row(0), county_row(1, 挂职单位及职务="白石乡副乡长")]
    upload = SimpleUploadedFile(f"花名册.{kind}", county_roster(kind, rows))
    preview = officer_client.get(
        officer_client.post(reverse("assignments:roster_import"), {"file": upload}).url
    )
    assert not preview.context["check"].ok
    response = officer_client.get(reverse("assignments:roster_errors", args=[preview.context["token"]]))
    assert ".xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == TITLE[0] and values[2][1] == "姓  名"
    assert values[2][len(HEADERS)] == "错误信息"
    assert values[3][len(HEADERS)] is None
    assert values[4][len(HEADERS)].startswith("挂职单位及职务: ")
    assert values[-1][0].startswith("注：")


def test_the_template_s_notes_sheet_lists_the_other_headers_accepted(db):
    content = io.BytesIO()
    write_template(content)
    notes = openpyxl.load_workbook(content).worksheets[1]
    lines = {row[0]: row[1:] for row in notes.iter_rows(values_only=True) if row and row[0]}
    assert "身份证号码" in lines["身份证号"][0] and "联系方式" in lines["联系电话"][0]
    assert "按该格开头所能对上的系统中最长的单位名称拆分" in lines["挂职单位及职务"][1]
    assert "2023年3月至2025年3月" in lines["挂职时间"][1]
    assert lines["序号"][1] == lines["备注"][1] == "不导入。"


def test_the_upload_page_lists_the_other_headers_accepted(officer_client, county):
    html = officer_client.get(reverse("assignments:roster_import")).content.decode()
    assert "可识别的其他列名" in html and "身份证号码" in html and "原单位及职务" in html


def test_checking_a_county_roster_names_every_column_by_the_sheet_s_own_header(county, tmp_path):
    rows = [county_row(0, **{"身份证号码": "123"}, 挂职时间="")]
    check = check_roster(read_workbook(io.BytesIO(county_roster("xlsx", rows)), name="x.xlsx"))
    assert [(error.row, error.column) for error in check.errors] == [(4, "身份证号码"), (4, "挂职时间")]


@pytest.mark.parametrize("kind", KINDS)
def test_empty_rows_above_and_an_empty_column_left_of_the_roster_are_counted_as_the_spreadsheet_shows(
    tmp_path, county, kind
):
    headers = ["", *roster_row(1)]
    path = tmp_path / f"roster.{kind}"
    path.write_bytes(workbook_of_kind(kind, [roster_row(1, 身份证号="123")], headers, title_rows=[[], []]))
    check = check_roster(read_workbook(path))
    assert check.sheet.header_row == 3
    assert [(error.row, error.column) for error in check.errors] == [(4, "身份证号")]
    assert check.sheet.position_of("id_number") == headers.index("身份证号")
