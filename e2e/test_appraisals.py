import io
import re
from pathlib import Path

import pytest
from docx import Document

from conftest import ROUND_DUE, ROUND_PERIOD, ROUND_TITLE, days_ago, days_ahead
from evaluations.models import Appraisal, TermReview
from guazhi.tests.samples import PDF

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def switch_user(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username)


def rate_everything(page, grade: str = "称职") -> None:
    for aspect in ("morality", "ability", "diligence", "achievement", "integrity"):
        page.locator(f"#id_{aspect}_0").check()
    page.locator("#div_id_grade").get_by_label(grade, exact=True).check()
    page.get_by_label("主要优点").fill("业务精通，敢于担当，牵头化解政府债务风险。")
    page.get_by_label("不足之处").fill("基层工作经验尚需积累。")
    page.get_by_label("希望和建议").fill("希望进一步深入基层、深入群众。")


def test_a_round_from_opening_to_a_confirmed_grade_the_sending_unit_can_read(
    page, officer, leader_a, liaison, placed_in_a
):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "alice")
    page.get_by_role("link", name="考核", exact=True).click()
    screenshot(page, "round-list-empty")
    page.get_by_role("link", name="开启考核").click()
    page.get_by_label("名称").fill(ROUND_TITLE)
    page.get_by_label("类别").select_option(label="年度考核")
    page.get_by_label("考核期间起").fill(ROUND_PERIOD[0].isoformat())
    page.get_by_label("考核期间止").fill(ROUND_PERIOD[1].isoformat())
    page.get_by_label("填报截止日期").fill(ROUND_DUE.isoformat())
    screenshot(page, "round-form")
    page.get_by_role("button", name="开启考核").click()
    page.get_by_text("1份考核已列入各接收单位待办").wait_for()
    screenshot(page, "round-detail")
    appraisal = Appraisal.objects.get()

    switch_user(page, "bob")
    page.get_by_role("heading", name=re.compile("待填报的考核")).wait_for()
    screenshot(page, "leader-home-queue")
    page.get_by_role("link", name=placed_in_a.cadre.name).click()
    page.locator("#id_morality_0").check()
    page.get_by_label("主要优点").fill("业务精通")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("草稿已保存").wait_for()
    rate_everything(page, grade="优秀")
    screenshot(page, "appraisal-form")
    page.get_by_role("button", name="提交", exact=True).click()
    page.get_by_text("考核已提交组织部审核").wait_for()
    assert page.get_by_role("link", name="填写考核").count() == 0
    screenshot(page, "appraisal-submitted")

    switch_user(page, "alice")
    page.get_by_role("heading", name=re.compile("待确认的考核")).wait_for()
    page.get_by_role("link", name=placed_in_a.cadre.name).click()
    page.get_by_role("link", name="退回接收单位").click()
    page.get_by_label("退回原因").fill("“优秀”的依据不够充分，请补充年度主要实绩。")
    page.get_by_role("button", name="退回接收单位").click()
    page.get_by_text("考核已退回县财政局").wait_for()

    switch_user(page, "bob")
    page.goto(page.base + "/appraisals/mine/")
    page.get_by_text("请补充年度主要实绩").wait_for()
    screenshot(page, "leader-queue-returned")
    page.get_by_role("link", name="修改后重新提交").click()
    page.get_by_label("具体表现").nth(3).fill("牵头完成县级债务化解方案，年内化解存量债务3亿元。")
    page.get_by_role("button", name="提交", exact=True).click()
    page.get_by_text("考核已提交组织部审核").wait_for()

    switch_user(page, "alice")
    page.goto(page.base + appraisal.get_absolute_url())
    page.get_by_role("button", name="确认").click()
    page.get_by_text(f"已确认{placed_in_a.cadre.name}的考核").wait_for()
    screenshot(page, "appraisal-confirmed")
    appraisal.refresh_from_db()
    assert (appraisal.status, appraisal.grade) == ("confirmed", "excellent")

    switch_user(page, "dora")
    page.goto(page.base + placed_in_a.get_absolute_url())
    page.get_by_role("link", name=ROUND_TITLE).wait_for()
    assert page.locator("table").get_by_text("优秀").count() == 1
    screenshot(page, "liaison-secondment-appraisals")


def test_an_end_of_term_review_to_the_archive_then_the_form_on_paper_and_in_word(
    page, officer, leader_a, liaison, make_secondment, cadre, post, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    secondment = make_secondment(cadre, "in_post", post=post, start=days_ago(700), term_end=days_ahead(30))
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "alice")
    page.goto(page.base + secondment.get_absolute_url())
    page.get_by_role("button", name="启动期满考核").click()
    page.get_by_text("已启动张国华的期满考核").wait_for()
    screenshot(page, "review-started")

    page.get_by_role("link", name="录入或上传").first.click()
    page.get_by_label("个人总结", exact=True).fill(
        "挂职两年来，我认真学习，扎实工作，协助分管预算绩效和债务管理。"
    )
    summary = tmp_path / "张国华个人总结.pdf"
    summary.write_bytes(PDF)
    page.get_by_label("个人总结文件").set_input_files(str(summary))
    page.get_by_role("button", name="保存个人总结").click()
    page.get_by_text("个人总结已保存").wait_for()

    page.get_by_role("link", name="录入", exact=True).first.click()
    page.get_by_label("参加测评人数").fill("20")
    page.locator("#id_votes_excellent").fill("8")
    page.locator("#id_votes_competent").fill("10")
    page.get_by_role("button", name="保存民主测评结果").click()
    page.get_by_text("各等次票数合计18票，与参加测评人数20人不一致。").wait_for()
    screenshot(page, "review-rating-error")
    page.locator("#id_votes_competent").fill("12")
    page.get_by_role("button", name="保存民主测评结果").click()
    page.get_by_text("民主测评结果已保存").wait_for()
    page.get_by_text("由县财政局领导办理").wait_for()
    screenshot(page, "review-waiting-for-the-unit")

    switch_user(page, "bob")
    page.get_by_role("link", name="张国华").click()
    rate_everything(page)
    page.get_by_role("button", name="提交", exact=True).click()
    page.get_by_text("考核已提交组织部审核").wait_for()

    switch_user(page, "alice")
    review = TermReview.objects.get()
    page.goto(page.base + review.get_absolute_url())
    page.get_by_role("link", name="确认或退回").first.click()
    page.get_by_role("button", name="确认").click()
    page.get_by_text("已确认张国华的考核").wait_for()
    page.goto(page.base + review.get_absolute_url())
    page.get_by_role("link", name="填写审核意见").first.click()
    page.get_by_label("组织部门审核意见").fill(
        "该同志挂职期间政治立场坚定，工作积极主动，同意接收单位鉴定意见。"
    )
    page.locator("#div_id_final_grade").get_by_label("称职", exact=True).check()
    page.get_by_role("button", name="保存审核意见").click()
    page.get_by_text("审核意见和最终等次已保存").wait_for()
    page.get_by_role("link", name="登记反馈").first.click()
    page.get_by_role("button", name="登记反馈").click()
    page.get_by_text("已登记反馈").wait_for()
    for _step in range(4):
        with page.expect_navigation():
            page.locator("#exit-checklist").get_by_role("button", name="完成", exact=True).first.click()
    assert review.exit_checklist.filter(done_on__isnull=True).count() == 0
    page.get_by_role("link", name="归档").first.click()
    # The intake steps were never ticked in this journey: archiving says why it goes ahead.
    page.get_by_label("手续未办结即归档的原因").fill("报到手续已在线下办结")
    page.get_by_role("button", name="归档").click()
    page.get_by_text("期满考核已归档，挂职已结束").wait_for()
    screenshot(page, "review-archived")
    review.refresh_from_db()
    assert review.status == "archived" and review.secondment.status == "completed"

    page.get_by_role("link", name="鉴定表").first.click()
    page.get_by_role("heading", name="挂职干部鉴定表").wait_for()
    screenshot(page, "review-form")
    page.emulate_media(media="print")
    assert not page.locator("header.navbar").is_visible()
    assert not page.get_by_role("button", name="打印").is_visible()
    screenshot(page, "review-form-print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2
    page.emulate_media(media="screen")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载Word版").click()
    download = download_info.value
    assert download.suggested_filename == "张国华挂职干部鉴定表.docx"
    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs) + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "挂职干部鉴定表" in text and "张国华" in text and "最终等次：称职" in text
    assert "（接收单位盖章）" in text and "（县委组织部盖章）" in text

    page.goto(page.base + "/appraisals/reviews/")
    page.get_by_label("按批次打印鉴定表").select_option(secondment.batch)
    page.get_by_role("button", name="打印鉴定表").click()
    page.get_by_role("heading", name=f"{secondment.batch}挂职干部鉴定表").wait_for()
    assert page.locator(".sheet-page").count() == 1
    screenshot(page, "review-forms-of-a-batch")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载Word版").click()
    assert download_info.value.suggested_filename == f"{secondment.batch}挂职干部鉴定表.docx"

    switch_user(page, "dora")
    page.goto(page.base + secondment.get_absolute_url())
    page.get_by_role("link", name="查看期满考核").click()
    page.get_by_text("最终等次").first.wait_for()
    screenshot(page, "liaison-review")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载Word版").click()
    assert download_info.value.suggested_filename.endswith(".docx")
