"""The 挂职干部鉴定表: the print page and the .docx for the personnel file."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document

from conftest import client_for


@pytest.fixture
def archived(make_review, make_cadre, post):
    return make_review(
        make_cadre("王五", birth_date=datetime.date(1981, 1, 1), birthplace="湖南湘潭"), post, "archived"
    )


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_print_page_has_every_part_of_the_form(officer_client, archived):
    html = officer_client.get(reverse("evaluations:review_print", args=[archived.pk])).content.decode()
    for text in (
        "挂职干部鉴定表",
        "基本情况",
        "王五",
        "湖南湘潭",
        "挂职岗位及分管工作",
        "县财政局",
        "副局长",
        "出勤情况",
        "在岗",
        "个人总结",
        "两年来，我认真履行挂职职责。",
        "民主测评",
        "参加测评人数",
        "接收单位鉴定意见",
        "牵头化解债务风险",
        "县财政局评定等次：称职",
        "组织部门审核意见",
        "同意接收单位鉴定意见。",
        "最终等次：称职",
        "反馈派出单位日期",
    ):
        assert text in html, text
    assert "data-print" in html


def test_the_print_page_leaves_navigation_off_the_paper(officer_client, archived):
    html = officer_client.get(reverse("evaluations:review_print", args=[archived.pk])).content.decode()
    assert re.search(r'<header class="[^"]*navbar[^"]*d-print-none', html)
    assert re.search(r'<nav aria-label="[^"]*" class="d-print-none"', html)
    assert re.search(
        r'<div class="[^"]*d-print-none"[^>]*>\s*<button type="button" class="btn btn-primary" data-print',
        html,
    )
    css = (settings.BASE_DIR / "static" / "css" / "guazhi.css").read_text(encoding="utf-8")
    assert "@page { size: A4" in css and "break-before: page" in css


def test_the_docx_opens_in_word_and_says_what_the_page_says(officer_client, archived):
    response = officer_client.get(reverse("evaluations:review_download", args=[archived.pk]))
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "attachment" in response["Content-Disposition"] and ".docx" in response["Content-Disposition"]
    text = _docx_text(response.content)
    for expected in (
        "挂职干部鉴定表",
        "王五",
        "湖南湘潭",
        "县财政局",
        "两年来，我认真履行挂职职责。",
        "参加测评人数",
        "县财政局评定等次：称职",
        "同意接收单位鉴定意见。",
        "最终等次：称职",
    ):
        assert expected in text, expected
    section = Document(io.BytesIO(response.content)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_the_sending_unit_s_liaison_downloads_it_once_fed_back(liaison, leader_b, archived):
    assert (
        client_for(liaison).get(reverse("evaluations:review_download", args=[archived.pk])).status_code == 200
    )
    assert (
        client_for(leader_b).get(reverse("evaluations:review_download", args=[archived.pk])).status_code
        == 404
    )


def test_the_form_of_a_review_in_progress_prints_what_there_is(officer_client, make_review, make_cadre, post):
    review = make_review(make_cadre("王五", birth_date=datetime.date(1981, 1, 1)), post)
    html = officer_client.get(reverse("evaluations:review_print", args=[review.pk])).content.decode()
    assert "尚未归档" in html
    text = _docx_text(officer_client.get(reverse("evaluations:review_download", args=[review.pk])).content)
    assert "最终等次：—" in text


def test_a_control_character_typed_into_the_self_summary_is_left_out_of_the_word_file(
    officer_client, make_review, make_cadre, post
):
    review = make_review(make_cadre("王五", birth_date=datetime.date(1981, 1, 1)), post)
    review.self_summary = "两年来\x07认真履职"
    review.save()
    response = officer_client.get(reverse("evaluations:review_download", args=[review.pk]))
    assert response.status_code == 200
    assert "两年来认真履职" in _docx_text(response.content)
