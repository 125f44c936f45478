import pytest

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def test_staff_read_the_county_summary_with_its_charts(page, officer, placed_in_a):
    log_in(page, "alice")
    page.get_by_role("link", name="综合报告").click()
    page.get_by_text("我县先后接收省、市委组织部门安排的下派挂职干部1名").wait_for()
    canvases = page.locator("canvas[data-chart]")
    assert canvases.count() >= 2
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-chart]')).every(c => window.Chart.getChart(c))"
    )
    assert drawn
    screenshot(page, "county-summary")
    with page.expect_download() as download:
        page.get_by_role("link", name="Word").click()
    assert download.value.suggested_filename.endswith(".docx")
