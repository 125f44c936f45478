"""The 工作纪实 tried as its people would: the cadre files a month with a project, the receiving unit's
leader comments, the sending unit's liaison reads it; the cadre writes the 个人总结 and the 鉴定表 shows it."""

import pytest
from django.urls import reverse

from cadres.services import give_account
from conftest import months_ago

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def switch_user(page, username, password=None):
    page.context.clear_cookies()
    if password:
        log_in(page, username, password)
    else:
        log_in(page, username)


def test_the_cadre_files_a_month_the_leader_comments_and_the_liaison_reads_it(
    page, officer, placed_in_a, leader_a, liaison
):
    _cadre, password = give_account(cadre=placed_in_a.cadre, username="zhangguohua", actor=officer)
    last_month = months_ago(1)

    switch_user(page, "zhangguohua", password)
    page.get_by_role("heading", name="我的挂职").wait_for()
    page.get_by_role("link", name="工作纪实").first.click()
    page.get_by_role("link", name="添加项目").click()
    page.get_by_label("项目名称").fill("*药业企业服务协调")
    page.get_by_label("类别").select_option(label="招商引资")
    page.get_by_label("角色").select_option(label="主持")
    page.get_by_label("进展阶段").fill("签约落地")
    page.get_by_role("button", name="添加项目").click()
    page.get_by_text("项目已添加").first.wait_for()

    page.get_by_role("link", name="填写月度纪实").click()
    page.get_by_label("月份").select_option(label=f"{last_month.year}年{last_month.month}月")
    page.get_by_label("本月工作").fill("走访园区企业十二家，协调解决用地问题三项。")
    page.get_by_label("*药业企业服务协调").check()
    page.get_by_role("button", name="保存纪实").click()
    page.get_by_text("月度纪实已保存").first.wait_for()
    screenshot(page, "worklog-filed-by-the-cadre")

    switch_user(page, "bob")
    page.goto(page.base + reverse("worklog:record_list", args=[placed_in_a.pk]))
    page.get_by_role("link", name="填写审阅意见").click()
    page.get_by_label("审阅意见").fill("工作扎实，项目推进有力。")
    page.get_by_role("button", name="保存审阅意见").click()
    page.get_by_text("审阅意见已保存").first.wait_for()

    switch_user(page, "dora")
    page.goto(page.base + placed_in_a.get_absolute_url())
    page.get_by_role("link", name="工作纪实").first.click()
    page.get_by_text("走访园区企业十二家").wait_for()
    page.get_by_text("工作扎实，项目推进有力。").wait_for()
    assert "*药业企业服务协调" in page.content()
    assert page.get_by_role("link", name="填写月度纪实").count() == 0
    screenshot(page, "worklog-read-by-the-liaison")

    switch_user(page, "alice")
    page.goto(page.base + reverse("oversight:summary"))
    page.get_by_text("主持“*药业企业服务协调”").first.wait_for()
    screenshot(page, "summary-names-the-project")


def test_the_cadre_writes_the_self_summary_and_the_appraisal_form_prints_it(
    page, officer, make_review, cadre, post
):
    review = make_review(cadre, post)
    _cadre, password = give_account(cadre=cadre, username="zhangguohua", actor=officer)

    switch_user(page, "zhangguohua", password)
    page.get_by_role("link", name="撰写个人总结").click()
    page.locator("#id_text").fill("挂职期间，我主持*药业企业服务协调工作，协助分管预算绩效。")
    page.get_by_role("button", name="保存我的个人总结").click()
    page.get_by_role("heading", name="我的挂职").wait_for()

    switch_user(page, "alice")
    page.goto(page.base + reverse("evaluations:review_print", args=[review.pk]))
    page.get_by_text("我主持*药业企业服务协调工作").wait_for()
    screenshot(page, "appraisal-form-with-self-summary")


def test_the_dashboard_lists_the_demo_cadres_who_owe_a_record_or_hold_a_post_in_name_only(page):
    from oversight import demo

    demo.seed()
    log_in(page, "zuzhibu", demo.DEMO_PASSWORD)
    page.locator('[data-watch="record_overdue"]').click()
    page.get_by_role("heading", name="纪实逾期").first.wait_for()
    table = page.locator("table").first
    assert "孙立新" in table.inner_text() and "周文博" in table.inner_text()
    assert "马晓东" not in table.inner_text()
    screenshot(page, "watch-record-overdue")

    page.goto(page.base + "/")
    page.locator('[data-watch="nominal_post"]').click()
    table = page.locator("table").first
    assert "孙立新" in table.inner_text() and "罗晓峰" in table.inner_text()
    assert "马晓东" not in table.inner_text()
    screenshot(page, "watch-nominal-post")
