import datetime
import re

import pytest

from assignments.models import Secondment
from conftest import TODAY, make_id_number, months_ago
from guazhi.dates import term_end

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def test_staff_register_a_cadre_record_arrival_and_place_them_from_the_suggestions(
    page, officer, leader_a, leader_b, sending_unit, make_post, specialty
):
    best = make_post(title="副局长", specialties=[specialty], strong_team=True, broad_scope=True)
    make_post(title="局长助理")
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "alice")

    page.goto(page.base + "/secondments/register/")
    page.get_by_label("姓名").fill("李明轩")
    page.get_by_label("性别").select_option(label="男")
    page.get_by_label("身份证号").fill(make_id_number(datetime.date(1982, 9, 3)))
    page.get_by_label("政治面貌").select_option(label="中共党员")
    page.locator("#id_cadre-home_unit").select_option(label="省财政厅")
    page.get_by_label("职务层次").select_option(label="副处")
    page.get_by_label("财政金融").check()
    page.locator("#id_s-sending_unit").select_option(label="省财政厅")
    start = months_ago(1)
    page.get_by_label("批次").fill(f"{start.year}年省派第二批")
    page.get_by_label("挂职开始").fill(start.isoformat())
    page.get_by_label("挂职结束（计划）").fill(term_end(start, 24).isoformat())
    screenshot(page, "secondment-register")
    page.get_by_role("button", name="登记", exact=True).click()
    page.get_by_text("已登记李明轩的挂职").wait_for()

    page.get_by_role("link", name="登记报到").click()
    page.get_by_label("报到日期").fill(TODAY.isoformat())
    page.get_by_role("button", name="登记报到").click()
    page.get_by_text("已登记报到").wait_for()
    screenshot(page, "secondment-waiting")

    page.get_by_role("link", name="推荐岗位").first.click()
    page.get_by_text("专业特长匹配 1/1：财政金融").wait_for()
    screenshot(page, "suggestions")
    page.get_by_role("link", name="安排到此岗位").first.click()
    page.get_by_text("有利于发挥作用").wait_for()
    screenshot(page, "assign-confirm")
    page.get_by_role("button", name="安排到此岗位").click()
    page.get_by_text("已将李明轩安排到").wait_for()

    secondment = Secondment.objects.get()
    assert secondment.status == "in_post"
    assert secondment.assignments.get().post == best
    timeline = page.locator("ol.timeline")
    for step in ("登记", "报到", "安排岗位"):
        assert timeline.get_by_text(step, exact=True).count() == 1
    screenshot(page, "secondment-detail")

    page.get_by_role("button", name=re.compile("爱丽")).click()
    page.get_by_role("button", name="退出登录").click()
    log_in(page, "charlie")
    page.watch.allow("status of 404")
    assert page.goto(page.base + secondment.get_absolute_url()).status == 404


def test_staff_accept_the_batch_plan(
    page, officer, leader_a, make_secondment, make_cadre, make_post, specialty
):
    make_post(title="副局长", specialties=[specialty])
    make_secondment(make_cadre("张一", specialties=[specialty]), "awaiting_post")
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "alice")
    page.goto(page.base + "/secondments/plan/")
    screenshot(page, "batch-plan")
    page.get_by_label("仍作此安排的理由").fill("园区急需财政金融专业干部")
    page.get_by_role("button", name="接受勾选的安排").click()
    page.get_by_text("已安排1名干部").wait_for()
    assert Secondment.objects.get().status == "in_post"
