"""The dashboard's journeys: an alert leads to the cadre behind it, and doing the work clears it."""

import datetime
import re

import pytest

from assignments.models import Leave
from conftest import day

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def card(page, key):
    return page.locator(f'[data-watch="{key}"]')


@pytest.fixture
def neglected(make_secondment, make_cadre, make_post):
    """In post in 县财政局 for 200 days, and nobody has talked with them."""
    cadre = make_cadre("孙立新", birth_date=datetime.date(1983, 8, 21))
    return make_secondment(cadre, "in_post", post=make_post(), start=day(-200))


def test_the_no_talk_alert_leads_to_the_cadre_and_recording_a_talk_clears_it(page, officer, neglected):
    log_in(page, "alice")
    screenshot(page, "dashboard-staff")
    no_talk = card(page, "no_talk")
    assert no_talk.locator(".watch-count").inner_text() == "1"
    no_talk.click()
    page.get_by_role("heading", name="90天未谈心谈话").wait_for()
    screenshot(page, "watch-list-no-talk")
    page.get_by_role("link", name="孙立新").click()
    page.get_by_text("需要关注").wait_for()
    assert page.locator(".alert").get_by_text("90天未谈心谈话").count() == 1
    screenshot(page, "secondment-neglected")

    page.get_by_role("link", name="登记谈心谈话").first.click()
    page.get_by_label("类别").select_option(label="日常谈心")
    page.locator("#id_talker").fill("县财政局局长 王明")
    page.get_by_label("谈话人身份").select_option(label="接收单位领导")
    page.get_by_label("反映问题：工作").fill("希望参与债务化解专班")
    page.get_by_label("后续跟进").fill("安排进入债务化解专班")
    page.get_by_label("跟进期限").fill(day(14).isoformat())
    screenshot(page, "talk-form")
    page.get_by_role("button", name="登记谈话").click()
    page.get_by_text("谈心谈话已登记").wait_for()
    assert page.locator(".talk").get_by_text("希望参与债务化解专班").count() == 1
    screenshot(page, "secondment-after-talk")

    page.get_by_role("link", name="工作台").click()
    assert card(page, "no_talk").locator(".watch-count").inner_text() == "0"


def test_leave_requested_approved_and_reported_back_clears_the_not_back_alert(page, leader_a, neglected):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "bob")
    page.goto(page.base + neglected.get_absolute_url())
    page.get_by_role("link", name="登记请假").click()
    page.get_by_label("类别").select_option(label="事假")
    page.get_by_label("开始日期").fill(day(-10).isoformat())
    page.get_by_label("结束日期").fill(day(-8).isoformat())
    page.get_by_label("原因").fill("家中有事")
    page.get_by_role("button", name="登记请假").click()
    page.get_by_text("请假已登记").wait_for()

    page.get_by_role("link", name="审批", exact=True).click()
    page.get_by_label("审批意见").fill("同意")
    screenshot(page, "leave-decide")
    page.get_by_role("button", name="批准", exact=True).click()
    page.get_by_text("已批准请假").wait_for()
    assert page.locator(".leave").get_by_text("超期未销假").count() == 1
    screenshot(page, "secondment-leave-not-back")

    page.get_by_role("link", name="工作台").click()
    assert card(page, "leave_not_back").locator(".watch-count").inner_text() == "1"
    card(page, "leave_not_back").click()
    page.get_by_role("link", name="孙立新").click()
    page.get_by_label("销假日期").fill(day(0).isoformat())
    page.get_by_role("button", name="销假").click()
    page.get_by_text("销假已登记").wait_for()
    leave = Leave.objects.get()
    assert leave.reported_back_on == day(0) and leave.overstayed
    assert page.locator(".leave").get_by_text("超假").count() == 1

    page.get_by_role("link", name="工作台").click()
    assert card(page, "leave_not_back").locator(".watch-count").inner_text() == "0"


def test_a_leader_s_dashboard_shows_only_their_unit(
    page, leader_a, leader_b, unit_b, neglected, make_secondment, make_cadre, make_post
):
    cadre = make_cadre("周文博", birth_date=datetime.date(1987, 2, 14))
    make_secondment(cadre, "in_post", post=make_post(unit=unit_b, title="副镇长"), start=day(-200))
    log_in(page, "charlie")
    screenshot(page, "dashboard-leader")
    table = page.locator("table.unit-table")
    assert table.get_by_role("rowheader").all_inner_texts() == ["青山镇"]
    assert "县财政局" not in page.content()
    card(page, "no_talk").click()
    assert page.get_by_role("link", name="周文博").count() == 1
    assert page.get_by_role("link", name="孙立新").count() == 0

    page.get_by_role("button", name=re.compile("查理")).click()
    page.get_by_role("button", name="退出登录").click()
    log_in(page, "bob")
    assert page.locator("table.unit-table").get_by_role("rowheader").all_inner_texts() == ["县财政局"]
