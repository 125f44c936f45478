import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import TODAY

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def _east_asian(paragraph) -> set[str]:
    return {run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in paragraph.runs if run.text}


def test_staff_read_the_county_summary_with_its_charts(page, officer, placed_in_a):
    log_in(page, "alice")
    page.get_by_role("link", name="综合报告").click()
    page.get_by_text("我县先后接收省、市委组织部门安排的下派挂职干部1名").wait_for()
    page.get_by_text("分别是：省财政厅下派的挂职干部张国华（挂任县财政局副局长）").first.wait_for()
    for heading in ("一、基本情况", "二、锻炼使用情况", "三、考核管理情况", "四、存在的问题和下一步工作"):
        page.get_by_role("heading", name=heading).wait_for()
    canvases = page.locator("canvas[data-chart]")
    assert canvases.count() >= 2
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-chart]')).every(c => window.Chart.getChart(c))"
    )
    assert drawn
    screenshot(page, "county-summary")


def test_the_summary_in_word_is_an_official_document_under_its_chinese_name(page, officer, placed_in_a):
    since = placed_in_a.term_start.year
    log_in(page, "alice")
    page.goto(page.base + f"/secondments/reports/summary/?since={since}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Word").click()
    assert download.value.suggested_filename == f"{since}年以来挂职干部工作情况.docx"
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    paragraphs = document.paragraphs
    body = next(p for p in paragraphs if p.text.startswith(f"自{since}年以来"))
    assert _east_asian(body) == {"仿宋_GB2312"}
    headings = [p for p in paragraphs if p.text[:2] in ("一、", "二、", "三、", "四、")]
    assert len(headings) == 4 and all(_east_asian(p) == {"黑体"} for p in headings)
    assert "分别是：省财政厅下派的挂职干部张国华（挂任县财政局副局长）" in body.text
    assert paragraphs[-1].text == f"数据截至{TODAY.year}年{TODAY.month}月{TODAY.day}日。"

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename == f"{since}年以来挂职干部工作情况.xlsx"
