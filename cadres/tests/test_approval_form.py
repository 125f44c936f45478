import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.shared import Mm

from cadres.approval_form import age_on
from conftest import client_for


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _age(cadre) -> str:
    """The age the form prints beside the birth month, on the day the suite runs."""
    return f"（{age_on(cadre.birth_date, timezone.localdate())}岁）"


def _texts(table) -> list[str]:
    return [cell.text for row in table.rows for cell in row.cells]


def test_the_cadre_page_downloads_the_approval_form_in_the_official_layout(officer_client, full_cadre):
    url = reverse("cadres:cadre_approval_form", args=[full_cadre.pk])
    assert url in officer_client.get(full_cadre.get_absolute_url()).content.decode()
    response = officer_client.get(url)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "干部任免审批表" in document.paragraphs[0].text
    first, second = document.tables
    first_texts, second_texts = _texts(first), _texts(second)
    for text in ("欧阳明辉", "土家族", "湖南长沙", "湖南湘西", "2001.06", "高级经济师", "中央党校 经济管理"):
        assert any(text in cell for cell in first_texts), text
    assert any(_age(full_cadre) in cell for cell in first_texts)
    assert any("2010.03--  省财政厅预算处副处长" in cell for cell in first_texts)
    assert any(cell == "省财政厅预算处副处长" for cell in first_texts)
    for text in (
        "2019年获评先进个人",
        "2023年度考核优秀",
        "刘敏",
        "长沙市第一中学教师",
        "欧阳悦",
        "家庭主要成员及重要社会关系",
    ):
        assert any(text in cell for cell in second_texts), text
    # The photograph sits in its box, and the second page starts on a page of its own.
    assert len(document.inline_shapes) == 1
    assert round(document.inline_shapes[0].width.mm) == round(Mm(25).mm)
    assert any(p.paragraph_format.page_break_before for p in document.paragraphs)


def test_the_approval_form_is_for_the_organization_department_only(full_cadre, leader_a):
    url = reverse("cadres:cadre_approval_form", args=[full_cadre.pk])
    assert client_for(leader_a).get(url).status_code == 404


def test_the_cadre_page_prints_the_approval_form_with_its_photograph_and_family(officer_client, full_cadre):
    url = reverse("cadres:cadre_approval_print", args=[full_cadre.pk])
    assert url in officer_client.get(full_cadre.get_absolute_url()).content.decode()
    page = officer_client.get(url).content.decode()
    for text in (
        "干部任免审批表",
        "欧阳明辉",
        "土家族",
        "湖南湘西",
        _age(full_cadre),
        "刘敏",
        "长沙市第一中学教师",
        "2023年度考核优秀",
        reverse("cadres:cadre_photo", args=[full_cadre.pk]),
        "data-print",
    ):
        assert text in page, text
    assert page.count('class="approval-family"') == 7  # the form's rows, the empty ones included
