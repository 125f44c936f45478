"""按需选派 as a new user would try it: staff publish a cycle of three needs, the 省财政厅 liaison
nominates two people against one and writes a message, staff compare them by score, accept one and
decline the other with a reason the liaison reads; the summary shows the fill rate; a liaison of
another unit sees none of it."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from assignments.selectors import post_list_queryset
from cadres.choices import MembershipRole
from cadres.models import UnitMembership
from conftest import days_ahead, months_ahead
from selection.models import Nomination

from .conftest import PASSWORD, log_in, screenshot

pytestmark = pytest.mark.e2e


def _switch(page, username):
    page.context.clear_cookies()
    log_in(page, username)


def test_a_cycle_from_needs_to_an_accepted_nominee_with_the_seat_reserved(
    page, officer, liaison, unit_a, unit_b, post, make_cadre, other_sending_unit
):
    make_cadre("张一")
    make_cadre("李二", birth_date=datetime.date(1982, 9, 3))
    erin = get_user_model().objects.create_user(username="erin", password=PASSWORD)
    UnitMembership.objects.create(user=erin, unit=other_sending_unit, role=MembershipRole.LIAISON)
    page.on("dialog", lambda dialog: dialog.accept())

    log_in(page, "alice")
    page.goto(page.base + "/selection/new/")
    page.locator("#id_name").fill("2027年省派第一批")
    page.locator("#id_deadline").fill(days_ahead(20).isoformat())
    page.locator("#id_term_start").fill(months_ahead(2).isoformat())
    page.get_by_role("button", name="建立选派批次").click()
    page.get_by_text("请列出需求").wait_for()
    cycle_url = page.url
    for unit, post_label, title in (
        ("县财政局", "县财政局 副局长", ""),
        ("青山镇", None, "副镇长"),
        ("青山镇", None, "镇长助理"),
    ):
        page.goto(cycle_url + "needs/new/")
        page.locator("#id_unit").select_option(label=unit)
        if post_label:
            page.locator("#id_post").select_option(label=post_label)
        else:
            page.locator("#id_new_post_title").fill(title)
        page.locator("#id_reason").fill("工作任务重")
        page.get_by_role("button", name="添加需求").click()
        page.get_by_text("已添加需求。").wait_for()
    page.get_by_text("共需3人：经济部门1人").wait_for()
    page.get_by_role("link", name="发布").click()
    page.get_by_role("button", name="发布").click()
    page.get_by_text("选派批次已发布").wait_for()
    need_url = page.get_by_role("link", name="副局长").get_attribute("href")

    _switch(page, "dora")
    for name in ("张一", "李二"):
        page.goto(page.base + need_url)
        page.get_by_role("link", name="推荐人选").click()
        page.locator("#id_existing_cadre").select_option(label=name)
        page.locator("#id_reason").fill(f"{name}熟悉财政业务")
        page.get_by_role("button", name="推荐人选").click()
        page.get_by_text("推荐人选已报送县委组织部").wait_for()
    card = page.locator("section.nominee", has_text="张一")
    card.locator("textarea").fill("张一可提前到岗")
    card.get_by_role("button", name="发送").click()
    page.get_by_text("留言已发送").wait_for()

    _switch(page, "alice")
    page.goto(page.base + "/")
    page.get_by_text("未读的沟通磋商留言").wait_for()
    page.goto(page.base + need_url)
    page.get_by_text("匹配得分").first.wait_for()
    screenshot(page, "selection-nominees")
    second = page.locator("section.nominee", has_text="李二")
    second.locator("input[name=reason]").fill("专业不够对口")
    second.get_by_role("button", name="不予接受").click()
    page.get_by_text("已不予接受李二").wait_for()
    page.locator("section.nominee", has_text="张一").get_by_role("button", name="接受", exact=True).click()
    page.get_by_text("已接受张一").wait_for()
    accepted = Nomination.objects.get(cadre__name="张一")
    assert accepted.secondment.status == "expected" and accepted.secondment.reserved_post == post
    assert post_list_queryset(officer).get(pk=post.pk).free_seats == 0
    page.goto(page.base + "/secondments/reports/summary/")
    page.get_by_text("已满足1人").wait_for()

    _switch(page, "dora")
    page.goto(page.base + need_url)
    page.get_by_text("专业不够对口").wait_for()

    _switch(page, "erin")
    page.goto(page.base + need_url)
    assert page.get_by_text("张一").count() == 0
    assert page.get_by_text("李二").count() == 0
