import datetime

import pytest

from .conftest import PASSWORD, log_in, screenshot

pytestmark = pytest.mark.e2e


def test_five_wrong_passwords_lock_the_login_with_a_chinese_page(page, officer):
    page.watch.allow("status of 429")
    for attempt in range(5):
        page.goto(page.base + "/login/")
        page.get_by_label("用户名").fill("alice")
        page.get_by_label("密码").fill("wrong-password")
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        if attempt < 4:
            assert page.get_by_label("用户名").is_visible()
    page.get_by_role("heading", name="登录失败次数过多").wait_for()
    # Even the right password is refused now.
    page.goto(page.base + "/login/")
    page.get_by_label("用户名").fill("alice")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="登录失败次数过多").wait_for()
    assert "30分钟后再试" in page.content()
    screenshot(page, "login-locked")


def test_a_leader_is_refused_another_unit_s_cadre_and_secondment(page, leader_b, placed_in_a):
    log_in(page, "charlie")
    page.watch.allow("status of 404")
    for url in (placed_in_a.get_absolute_url(), placed_in_a.cadre.get_absolute_url(), "/cadres/"):
        response = page.goto(page.base + url)
        assert response.status == 404
        assert page.get_by_role("heading", name="页面不存在").is_visible()
        assert placed_in_a.cadre.name not in page.content()
    screenshot(page, "refused-404")


def test_a_liaison_is_refused_a_cadre_another_unit_sent(
    page, liaison, other_sending_unit, make_secondment, make_cadre, post
):
    sent_elsewhere = make_secondment(
        make_cadre("王静怡", gender="female", birth_date=datetime.date(1986, 1, 22)),
        "in_post",
        post=post,
        sending_unit=other_sending_unit,
    )
    log_in(page, "dora")
    page.watch.allow("status of 404")
    assert page.goto(page.base + sent_elsewhere.get_absolute_url()).status == 404
    assert page.goto(page.base + "/secondments/").status == 200
    assert "王静怡" not in page.content()
