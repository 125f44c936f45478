"""Appraisal rules as the regulations write them, in the browser: routine grades, what a liaison
reads, leaving as a step of its own, and the feedback letter's receipt."""

import re

import pytest

from conftest import FILLED_APPRAISAL, TODAY
from evaluations import services
from evaluations.models import TermReview

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def test_a_routine_round_offers_good_fairly_good_average_poor(page, leader_a, make_round, placed_in_a):
    appraisal = make_round(title="2026年5月平时考核", kind="routine").appraisals.get()
    log_in(page, "bob")
    page.goto(page.base + f"/appraisals/{appraisal.pk}/file/")
    grades = page.locator("#div_id_grade")
    for label in ("好", "较好", "一般", "较差"):
        assert grades.get_by_label(label, exact=True).count() == 1
    for label in ("优秀", "称职", "不定等次"):
        assert grades.get_by_label(label, exact=True).count() == 0
    screenshot(page, "routine-appraisal-form")


def test_a_liaison_sees_a_returned_appraisal_nowhere(page, officer, liaison, make_round, placed_in_a):
    page.watch.allow("404")
    appraisal = make_round().appraisals.get()
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    services.return_appraisal(appraisal=appraisal, reason="请补充实绩", actor=officer)
    log_in(page, "dora")
    page.goto(page.base + placed_in_a.get_absolute_url())
    page.get_by_role("heading", name="工作记录").wait_for()
    body = page.locator("body").inner_text()
    assert "退回" not in body and "已提交" not in body
    page.goto(page.base + "/appraisals/")
    assert placed_in_a.cadre.name not in page.locator("main").inner_text()
    response = page.goto(page.base + appraisal.get_absolute_url())
    assert response.status == 404


def test_archiving_with_an_open_exit_step_is_refused_until_staff_say_why(
    page, officer, make_review, cadre, post
):
    page.on("dialog", lambda dialog: dialog.accept())
    review = make_review(cadre, post, "fed_back")
    log_in(page, "alice")
    page.goto(page.base + review.get_absolute_url())
    page.get_by_role("heading", name="离任手续").wait_for()
    screenshot(page, "review-exit-checklist")
    page.goto(page.base + f"/appraisals/reviews/{review.pk}/archive/")
    page.get_by_role("button", name="归档").click()
    page.get_by_text(re.compile("以下手续尚未办结：.*党组织关系转回")).first.wait_for()
    assert TermReview.objects.get(pk=review.pk).status == "fed_back"
    page.get_by_label("手续未办结即归档的原因").fill("党组织关系由派出单位另行办理")
    page.get_by_role("button", name="归档").click()
    page.get_by_text("党组织关系由派出单位另行办理").first.wait_for()
    assert TermReview.objects.get(pk=review.pk).status == "archived"


def test_the_liaison_confirms_the_feedback_letter(page, liaison, make_review, cadre, post):
    review = make_review(cadre, post, "fed_back")
    log_in(page, "dora")
    page.goto(page.base + review.get_absolute_url())
    page.get_by_role("heading", name="反馈函").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载反馈函").click()
    assert download.value.suggested_filename.endswith("反馈函.docx")
    page.get_by_role("button", name="确认收到").click()
    page.get_by_text(re.compile("已于.*确认收到")).first.wait_for()
    screenshot(page, "feedback-letter-receipt")
    assert TermReview.objects.get(pk=review.pk).acknowledged_on == TODAY
