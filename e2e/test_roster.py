import datetime

import openpyxl
import pytest
import xlwt
from django.urls import reverse

from assignments.models import Secondment
from assignments.roster.columns import HEADERS
from conftest import TODAY, make_id_number
from guazhi.dates import add_months, term_end

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e

# The rows' term began on the first of the month a year ago; the cadres reported on its third day.
START = add_months(TODAY.replace(day=1), -12)
END = term_end(START, 24)
REPORTED = START + datetime.timedelta(days=2)


def _person(n: int, **overrides) -> dict:
    birth = datetime.date(1984 + n, 3 + n, 10 + n)
    row = {header: "" for header in HEADERS}
    row.update(
        {
            "姓名": ["李明轩", "王静怡", "赵丽娟"][n],
            "性别": ["男", "女", "女"][n],
            "出生年月": birth.strftime("%Y.%m"),
            "政治面貌": "党员",
            "身份证号": make_id_number(birth, male=n == 0, serial=20 + n),
            "学历": "本科",
            "职务层次": "副处级",
            "原职务": "预算处副处长",
            "专业特长": "财政金融",
            "派出单位": "省财政厅",
            "批次": f"{START.year}年省派第二批",
            "挂职开始": f"{START:%Y.%m.%d}",
            "挂职结束": f"{END.year}年{END.month}月{END.day}日",
            "报到日期": f"{REPORTED.year}/{REPORTED.month}/{REPORTED.day}",
            "挂职单位": "县财政局" if n < 2 else "",
            "挂任职务": "副局长" if n < 2 else "",
        }
    )
    row.update(overrides)
    return row


def _fill(template, destination, rows) -> None:
    """What a user does in a spreadsheet program: replace the example row with their own."""
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    for number, row in enumerate(rows, start=2):
        for column, header in enumerate(HEADERS, start=1):
            sheet.cell(row=number, column=column).value = row[header] or None
    workbook.save(destination)


def test_staff_import_a_roster_from_the_template_fix_a_mistake_and_export_the_list(
    page, officer, sending_unit, unit_a, specialty, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "alice")
    page.locator("#main-nav").get_by_role("link", name="挂职干部", exact=True).click()
    page.get_by_role("link", name="导入花名册").first.click()
    page.get_by_role("heading", name="导入花名册").wait_for()
    screenshot(page, "roster-import")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载模板").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    good = _person(1)["身份证号"]
    mistaken = good[:17] + ("0" if good[17] != "0" else "1")
    filled = tmp_path / "filled.xlsx"
    _fill(template, filled, [_person(0), _person(1, 身份证号=mistaken), _person(2)])
    page.get_by_label("花名册工作簿").set_input_files(filled)
    page.get_by_role("button", name="上传并检查").click()
    page.get_by_text("检查发现1处问题").wait_for()
    problem = page.locator("table.roster-problems tbody tr")
    assert problem.count() == 1
    assert problem.locator("td").nth(0).inner_text() == "第3行"
    assert problem.locator("td").nth(1).inner_text() == "身份证号"
    assert "校验码" in problem.locator("td").nth(2).inner_text()
    assert page.get_by_role("button", name="确认导入").count() == 0
    screenshot(page, "roster-preview-problems")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载已标注问题的工作簿").click()
    marked = tmp_path / "marked.xlsx"
    download.value.save_as(marked)
    workbook = openpyxl.load_workbook(marked)
    sheet = workbook.worksheets[0]
    assert sheet.cell(row=1, column=len(HEADERS) + 1).value == "错误信息"
    assert sheet.cell(row=3, column=len(HEADERS) + 1).value.startswith("身份证号: ")
    sheet.cell(row=3, column=HEADERS.index("身份证号") + 1, value=good)
    fixed = tmp_path / "fixed.xlsx"
    workbook.save(fixed)

    page.get_by_role("link", name="上传改正后的文件").click()
    page.get_by_label("花名册工作簿").set_input_files(fixed)
    page.get_by_role("button", name="上传并检查").click()
    page.get_by_text("检查通过").wait_for()
    assert page.locator("table.roster-counts tbody tr").first.locator("td").first.inner_text() == "3"
    screenshot(page, "roster-preview-ready")
    page.get_by_role("button", name="确认导入").click()
    page.get_by_text("花名册已导入").wait_for()
    screenshot(page, "roster-imported")
    statuses = dict(Secondment.objects.values_list("cadre__name", "status"))
    assert statuses == {"李明轩": "in_post", "王静怡": "in_post", "赵丽娟": "awaiting_post"}

    page.get_by_role("link", name="李明轩").click()
    page.locator("ol.timeline").get_by_text("导入", exact=True).first.wait_for()
    screenshot(page, "roster-imported-secondment")
    page.go_back()

    with page.expect_download() as download:
        page.get_by_role("link", name="导出Excel").click()
    exported = tmp_path / "exported.xlsx"
    download.value.save_as(exported)
    rows = list(openpyxl.load_workbook(exported).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert sorted(row[0] for row in rows[1:]) == ["李明轩", "王静怡", "赵丽娟"]
    assert download.value.suggested_filename.startswith("挂职干部花名册")


def test_staff_import_a_county_roster_kept_as_xls_with_a_title_spaced_headers_and_combined_columns(
    page, officer, sending_unit, unit_a, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    headers = [
        "序号",
        "姓  名",
        "性别",
        "出生年月\n（年.月）",
        "政治面貌",
        "原单位及职务",
        "派出单位",
        "挂职单位及职务",
        "挂职时间",
    ]
    term = f"{START:%Y.%m}-{add_months(START, 24):%Y.%m}"
    rows = [
        [
            1,
            "李明轩",
            "男",
            "1985.04",
            "中共党员",
            "省财政厅预算处副处长",
            "省财政厅",
            "县财政局副局长",
            term,
        ],
        [2, "王静怡", "女", "1986.05", "中共党员", "省财政厅税政处科长", "省财政厅", "", term],
    ]
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    sheet.write_merge(0, 0, 0, len(headers) - 1, "XX县挂职干部花名册")
    sheet.write(1, 0, "填报单位：XX县委组织部")
    for number, values in enumerate([headers, *rows], start=2):
        for column, value in enumerate(values):
            sheet.write(number, column, value)
    sheet.write(len(rows) + 4, 0, "注：挂职时间以任职文件为准。")
    roster = tmp_path / "花名册.xls"
    book.save(str(roster))

    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "alice")
    page.goto(page.base + reverse("assignments:roster_import"))
    page.get_by_role("heading", name="导入花名册").wait_for()
    page.get_by_label("花名册工作簿").set_input_files(roster)
    page.get_by_role("button", name="上传并检查").click()
    page.get_by_text("检查通过").wait_for()
    screenshot(page, "roster-preview-county-xls")
    page.get_by_role("button", name="确认导入").click()
    page.get_by_text("花名册已导入").wait_for()
    statuses = dict(Secondment.objects.values_list("cadre__name", "status"))
    assert statuses == {"李明轩": "in_post", "王静怡": "expected"}
