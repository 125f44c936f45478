"""Someone answerable in every unit: the unit watch, the warning before handing work to a unit with no
leader, and the training plan the receiving unit writes."""

import pytest

from conftest import ROUND_DUE, ROUND_PERIOD, ROUND_TITLE

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def unit_card(page, key):
    return page.locator(f'[data-unit-watch="{key}"]')


def test_removing_a_units_leader_puts_the_unit_on_the_dashboard(
    page, officer, leader_a, liaison, placed_in_a
):
    log_in(page, "alice")
    assert unit_card(page, "no_leader").locator(".watch-count").inner_text() == "0"
    page.goto(page.base + placed_in_a.current_unit.get_absolute_url())
    page.locator('[data-member="bob"]').get_by_role("link", name="结束单位角色").click()
    page.get_by_text("在添加单位领导之前，该单位会显示在概览页上").wait_for()
    screenshot(page, "unit-person-end-confirm")
    page.get_by_role("button", name="结束单位角色").click()
    page.get_by_text("王博不再担任县财政局的单位领导").wait_for()
    screenshot(page, "unit-page-after-ending")
    page.goto(page.base + "/")
    no_leader = unit_card(page, "no_leader")
    assert no_leader.locator(".watch-count").inner_text() == "1"
    no_leader.get_by_role("link", name="县财政局").click()
    page.get_by_role("link", name="新增单位领导或联络人").click()
    page.get_by_label("新登录名").fill("ld_new")
    page.get_by_label("姓", exact=True).fill("刘")
    page.get_by_label("名", exact=True).fill("志远")
    page.get_by_label("初始密码").fill("Caizheng-2026-first")
    screenshot(page, "unit-person-add")
    page.get_by_role("button", name="添加").click()
    page.get_by_text("刘志远现担任县财政局的单位领导").wait_for()
    page.goto(page.base + "/")
    assert unit_card(page, "no_leader").locator(".watch-count").inner_text() == "0"


def test_opening_a_round_for_a_unit_without_a_leader_warns_before_it_goes_on(page, officer, placed_in_a):
    log_in(page, "alice")
    page.get_by_role("link", name="考核", exact=True).click()
    page.get_by_role("link", name="开启考核").click()
    page.get_by_label("名称").fill(ROUND_TITLE)
    page.get_by_label("类别").select_option(label="年度考核")
    page.get_by_label("考核期间起").fill(ROUND_PERIOD[0].isoformat())
    page.get_by_label("考核期间止").fill(ROUND_PERIOD[1].isoformat())
    page.get_by_label("填报截止日期").fill(ROUND_DUE.isoformat())
    page.get_by_role("button", name="开启考核").click()
    page.get_by_text("县财政局没有单位领导账号").wait_for()
    screenshot(page, "round-leaderless-warning")
    page.get_by_role("button", name="仍然开启考核").click()
    page.get_by_text("1份考核已列入各接收单位待办").wait_for()


def test_a_leader_drafts_the_training_plan_and_staff_approve_it(page, officer, leader_a, placed_in_a):
    log_in(page, "bob")
    page.goto(page.base + placed_in_a.get_absolute_url())
    page.get_by_role("link", name="制定培养计划").click()
    page.get_by_text("制定依据").wait_for()
    page.get_by_label("培养计划", exact=True).fill("一、锻炼目标：熟悉县域财政工作全局。")
    screenshot(page, "training-plan-by-the-unit")
    page.get_by_role("button", name="提交审批").click()
    page.get_by_text("培养计划已提交审批").wait_for()
    assert page.locator('[data-plan-status="submitted"]').count() == 1

    page.context.clear_cookies()
    log_in(page, "alice")
    page.goto(page.base + placed_in_a.get_absolute_url())
    page.get_by_role("button", name="批准培养计划").click()
    page.get_by_text("的培养计划已批准").wait_for()
    assert page.locator('[data-plan-status="approved"]').count() == 1
    screenshot(page, "training-plan-approved")
