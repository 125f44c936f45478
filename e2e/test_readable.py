"""The record people can read: an appraisal's history in names and Beijing time, highlighted rows that
show, and a chart with a labelled bar for every unit that reads without colour."""

import datetime
import re

import pytest

from conftest import FILLED_APPRAISAL, TODAY, day
from guazhi.dates import long_date

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def switch_user(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username)


def test_an_appraisal_s_history_reads_in_names_and_local_time(
    page, officer, leader_a, placed_in_a, make_round
):
    page.on("dialog", lambda dialog: dialog.accept())
    appraisal = make_round().appraisals.get()
    log_in(page, "bob")
    page.goto(page.base + f"/appraisals/{appraisal.pk}/file/")
    for aspect in ("morality", "ability", "diligence", "achievement", "integrity"):
        page.locator(f"#id_{aspect}_0").check()
    page.locator("#div_id_grade").get_by_label("称职", exact=True).check()
    page.get_by_label("主要优点").fill(FILLED_APPRAISAL["strengths"])
    page.get_by_role("button", name="提交", exact=True).click()
    page.get_by_text("考核已提交组织部审核").wait_for()

    switch_user(page, "alice")
    page.goto(page.base + appraisal.get_absolute_url())
    page.get_by_role("button", name="确认").click()
    page.get_by_text("已确认").first.wait_for()
    page.goto(page.base + appraisal.get_absolute_url())
    history = page.locator("#history-heading").locator("xpath=ancestor::section[1]")
    text = history.inner_text()
    screenshot(page, "appraisal-history")
    assert "组织部爱丽" in text and "王博" in text
    assert "填报人: — → 王博" in text
    assert "alice" not in text and "bob" not in text
    # Beijing time, written the Chinese way, never the database's UTC.
    assert re.search(rf"{long_date(TODAY)} \d\d:\d\d", text)
    assert "+00:00" not in text and "UTC" not in text
    assert "德: — → 好" in text and "考核等次: — → 称职" in text
    assert "good" not in text and "competent" not in text


def test_the_rows_meant_to_stand_out_are_highlighted(page, officer, make_secondment, make_cadre, make_post):
    make_secondment(make_cadre("林子涵"), "awaiting_post", start=day(-40))
    make_secondment(
        make_cadre("陈晓燕", birth_date=datetime.date(1988, 2, 2)), "awaiting_post", start=day(-3)
    )
    log_in(page, "alice")
    page.goto(page.base + "/secondments/waiting/")
    long_wait = page.get_by_role("row").filter(has_text="林子涵").locator("td").nth(1)
    short_wait = page.get_by_role("row").filter(has_text="陈晓燕").locator("td").nth(1)
    painted = "el => getComputedStyle(el).boxShadow + getComputedStyle(el).backgroundColor"
    assert long_wait.evaluate(painted) != short_wait.evaluate(painted)
    # The warning colour reaches the cell Bootstrap paints (its inset shadow), not only the row behind it.
    assert "rgb(255, 243, 205)" in long_wait.evaluate("el => getComputedStyle(el).boxShadow")
    screenshot(page, "waiting-list-highlighted")


def test_every_receiving_unit_has_a_labelled_bar_readable_without_colour(
    page, officer, make_secondment, make_cadre, make_post, db
):
    from cadres.models import Unit

    for n in range(16):
        unit = Unit.objects.create(name=f"第{n + 1}号接收单位（县直）", tier="county", receives=True)
        cadre = make_cadre(f"干部{n:02d}", birth_date=datetime.date(1970 + n, 1, 1))
        make_secondment(cadre, "in_post", post=make_post(unit=unit, title="副局长"))
    log_in(page, "alice")
    page.goto(page.base + "/secondments/reports/summary/")
    chart = page.locator('canvas[data-chart="receiving_units"]')
    chart.wait_for()
    shown = chart.evaluate(
        "c => { const ch = Chart.getChart(c); return {labels: ch.data.labels.length, ticks: ch.scales.y.ticks.length,"
        " textured: ch.data.datasets.every(d => d.backgroundColor instanceof CanvasPattern),"
        " figures: ch.config.plugins.some(p => p.id === 'figures')}; }"
    )
    assert shown == {"labels": 16, "ticks": 16, "textured": True, "figures": True}
    page.emulate_media(media="print")
    screenshot(page, "county-summary-print")
