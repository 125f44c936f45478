"""The cadre's own login, tried as a new user would: staff give it, the cadre signs in and sees only
their own term, requests leave, and another cadre's page answers 404."""

import datetime

import pytest

from conftest import day

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def test_staff_give_a_cadre_a_login_and_the_cadre_sees_only_their_own_term(
    page, officer, placed_in_a, make_secondment, make_cadre, make_post
):
    other = make_secondment(
        make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3)),
        "in_post",
        post=make_post(title="局长助理"),
    )
    log_in(page, "alice")
    page.goto(page.base + placed_in_a.cadre.get_absolute_url())
    page.get_by_role("link", name="开通账号").click()
    page.get_by_label("登录名").fill("zhangguohua")
    page.get_by_role("button", name="开通账号").click()
    password = page.get_by_test_id("account-password").inner_text().strip()
    screenshot(page, "cadre-login-given")
    assert len(password) == 12

    page.context.clear_cookies()
    log_in(page, "zhangguohua", password)
    page.get_by_role("heading", name="我的挂职").wait_for()
    assert "县财政局" in page.content() and "李明轩" not in page.content()
    screenshot(page, "cadre-home")

    page.get_by_role("link", name="查看本期挂职").click()
    page.get_by_role("link", name="登记请假").click()
    page.get_by_label("类别").select_option(index=1)
    page.get_by_label("开始日期").fill(day(3).isoformat())
    page.get_by_label("结束日期").fill(day(4).isoformat())
    page.get_by_role("button", name="登记请假").click()
    page.get_by_text("请假已登记").first.wait_for()
    screenshot(page, "cadre-leave-requested")

    page.watch.allow("status of 404")
    for url in (other.get_absolute_url(), other.cadre.get_absolute_url(), "/secondments/"):
        assert page.goto(page.base + url).status == 404
