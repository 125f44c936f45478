"""The county summary's Word file is a 公文: its fonts, sizes, margins, page numbers and sections."""

import datetime
import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from conftest import TODAY, days_ago

SINCE = TODAY.year - 3


@pytest.fixture
def county(make_secondment, make_cadre, make_post, unit_b, other_sending_unit):
    """Two cadres in post (one long without a talk), one waiting for a post."""
    make_secondment(make_cadre("刘建国"), "in_post", post=make_post(title="副局长"), start=days_ago(200))
    make_secondment(
        make_cadre("李四", birth_date=datetime.date(1985, 3, 3), leadership_level="section_head"),
        "in_post",
        post=make_post(unit=unit_b, title="副镇长"),
        sending_unit=other_sending_unit,
    )
    make_secondment(
        make_cadre("王五", birth_date=datetime.date(1986, 5, 5)), "awaiting_post", start=days_ago(40)
    )


@pytest.fixture
def document(county, officer_client):
    response = officer_client.get(reverse("oversight:summary_docx"), {"since": SINCE})
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def _east_asian(paragraph) -> set[str]:
    return {run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in paragraph.runs if run.text}


def _sizes(paragraph) -> set[float]:
    return {run.font.size.pt for run in paragraph.runs if run.text}


def _by_text(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_the_file_is_named_after_the_report(county, officer_client):
    response = officer_client.get(reverse("oversight:summary_docx"), {"since": SINCE})
    name = unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert name == f"{SINCE}年以来挂职干部工作情况.docx"


def test_the_title_is_fangzheng_xiaobiaosong_size_2_falling_back_to_heiti(document):
    title = document.paragraphs[0]
    assert title.text == f"{SINCE}年以来挂职干部工作情况"
    assert _east_asian(title) == {"方正小标宋简体"} and _sizes(title) == {22}
    fonts = parse_xml(document.part.part_related_by(RT.FONT_TABLE).blob)
    fallback = {
        font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
        for font in fonts.findall(qn("w:font"))
        if font.find(qn("w:altName")) is not None
    }
    assert fallback["方正小标宋简体"] == "黑体"


def test_the_body_is_fangsong_size_3_and_the_headings_heiti_and_kaiti(document):
    body = _by_text(document, f"自{SINCE}年以来")
    assert _east_asian(body) == {"仿宋_GB2312"} and _sizes(body) == {16}
    headings = [p for p in document.paragraphs if p.text[:2] in ("一、", "二、", "三、", "四、")]
    assert [p.text for p in headings] == [
        "一、基本情况",
        "二、锻炼使用情况",
        "三、考核管理情况",
        "四、存在的问题和下一步工作",
    ]
    assert all(_east_asian(p) == {"黑体"} and _sizes(p) == {16} for p in headings)
    parts = [p for p in document.paragraphs if p.text.startswith("（")]
    assert parts and all(_east_asian(p) == {"楷体_GB2312"} for p in parts)


def test_no_paragraph_wears_python_docx_s_blue_headings(document):
    assert {p.style.name for p in document.paragraphs} == {"Normal"}
    assert all(run.font.color.rgb is None for p in document.paragraphs for run in p.runs)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and fonts.get(qn("w:asciiTheme")) is None


def test_the_page_is_a4_with_the_margins_of_an_official_document_and_numbered(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer


def test_the_names_carry_their_sending_unit_and_post(document):
    body = _by_text(document, f"自{SINCE}年以来").text
    assert "分别是：省财政厅下派的挂职干部刘建国（挂任县财政局副局长）" in body
    assert "市商务局下派的挂职干部李四（挂任青山镇副镇长）" in body
    assert "省财政厅下派的挂职干部王五；" in body


def test_the_fourth_section_says_what_the_watches_hold_and_what_comes_next(document):
    texts = [p.text for p in document.paragraphs]
    problems = texts[texts.index("四、存在的问题和下一步工作") :]
    assert "（一）待安排岗位超过14天" in problems
    waiting = problems[problems.index("（一）待安排岗位超过14天") + 1]
    assert waiting.startswith("涉及挂职干部1名。下一步：")
    assert any(text.endswith("90天未谈心谈话") for text in problems)
