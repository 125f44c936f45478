import datetime

import pytest

from cadres.models import Cadre
from conftest import make_id_number

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def test_staff_fix_a_wrong_check_digit_and_reach_the_new_cadre_page(page, officer, sending_unit):
    log_in(page, "alice")
    page.get_by_role("link", name="干部", exact=True).first.click()
    screenshot(page, "cadre-list-empty")
    page.get_by_role("link", name="添加干部").click()

    good = make_id_number(datetime.date(1982, 9, 3))
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    page.get_by_label("姓名").fill("李明轩")
    page.get_by_label("性别").select_option(label="男")
    page.get_by_label("身份证号").fill(wrong)
    page.get_by_label("政治面貌").select_option(label="中共党员")
    page.get_by_label("原单位").select_option(label="省财政厅")
    page.get_by_role("button", name="保存").click()

    error = page.locator("#id_id_number").locator("xpath=..").get_by_text("校验码")
    error.wait_for()
    screenshot(page, "cadre-form-error")
    assert not Cadre.objects.exists()

    page.get_by_label("身份证号").fill(good)
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="李明轩").wait_for()
    assert "已添加干部李明轩" in page.content()
    assert page.get_by_text("1982.09").count() >= 1
    screenshot(page, "cadre-detail")
    assert Cadre.objects.get().id_number == good


def test_a_leader_is_refused_a_cadre_page(page, leader_a, cadre):
    log_in(page, "bob")
    page.watch.allow("status of 404")
    response = page.goto(page.base + cadre.get_absolute_url())
    assert response.status == 404
    assert cadre.name not in page.content()
