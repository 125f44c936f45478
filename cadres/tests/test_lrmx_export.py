import datetime

import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadres.lrmx import read_lrmx
from cadres.lrmx.saving import save_record
from cadres.models import Cadre, FamilyMember, Specialty
from cadres.tests.photo_helpers import png_bytes
from conftest import client_for

# Every fact a cadre holds, compared after the round trip (the search columns follow the name).
COMPARED = [
    f.name
    for f in Cadre._meta.concrete_fields
    if f.name
    not in {"id", "created_at", "updated_at", "photo", "level_bucket", "name_pinyin", "name_initials"}
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def full_cadre(make_cadre, specialty):
    other = Specialty.objects.create(name="乡村振兴")
    cadre = make_cadre(
        "欧阳明辉",
        birth_date=datetime.date(1979, 11, 23),
        ethnicity="15",
        birthplace="湖南长沙",
        place_of_birth="湖南湘西",
        political_status="01",
        party_join_date=datetime.date(2001, 6, 1),
        work_start_date=datetime.date(2002, 7, 1),
        education="undergraduate",
        degree="bachelor",
        school="湖南大学",
        major="财政学",
        inservice_education="postgraduate",
        inservice_degree="master",
        inservice_school="中央党校",
        inservice_major="经济管理",
        professional_title="高级经济师",
        phone="13800001111",
        leadership_level="deputy_division_head",
        grade="researcher_3",
        home_position="预算处副处长",
        specialties=[specialty, other],
        resume="2002.07--2010.03  省财政厅科员\n2010.03--  省财政厅预算处副处长",
        rewards="2019年获评先进个人",
        annual_appraisals="2022年度考核称职，2023年度考核优秀",
        wishes="希望到乡镇一线",
        family_location="长沙",
    )
    cadre.photo.save("p.png", SimpleUploadedFile("p.png", png_bytes()))
    FamilyMember.objects.create(
        cadre=cadre,
        position=0,
        relation="妻子",
        name="刘敏",
        birth_date=datetime.date(1981, 2, 1),
        political_status="中共党员",
        work="长沙市第一中学教师",
    )
    FamilyMember.objects.create(cadre=cadre, position=1, relation="女儿", name="欧阳悦", work="学生")
    return cadre


def test_the_cadre_page_downloads_the_cadre_as_a_lrmx_file(officer_client, full_cadre):
    page = officer_client.get(full_cadre.get_absolute_url()).content.decode()
    url = reverse("cadres:cadre_lrmx", args=[full_cadre.pk])
    assert url in page
    response = officer_client.get(url)
    assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = fromstring(response.content)
    assert root.tag == "Person"
    assert root.findtext("XingMing") == "欧阳明辉"
    assert root.findtext("MinZu") == "土家族"
    assert root.findtext("RuDangShiJian") == "200106"
    assert root.findtext("QuanRiZhiJiaoYu_XueLi") == "大学本科"
    assert [item.findtext("XingMing") for item in root.find("JiaTingChengYuan")] == ["刘敏", "欧阳悦"]
    assert root.findtext("ZhaoPian")


def test_only_the_organization_department_downloads_the_file(full_cadre, leader_a):
    assert client_for(leader_a).get(reverse("cadres:cadre_lrmx", args=[full_cadre.pk])).status_code == 404


def test_an_exported_file_imported_into_an_empty_database_gives_the_same_cadre(
    officer_client, officer, full_cadre
):
    exported = officer_client.get(reverse("cadres:cadre_lrmx", args=[full_cadre.pk])).content
    before = {name: getattr(full_cadre, name) for name in COMPARED}
    specialties = set(full_cadre.specialties.values_list("name", flat=True))
    family = list(
        FamilyMember.objects.values_list(
            "position", "relation", "name", "birth_date", "political_status", "work"
        )
    )
    full_cadre.delete()
    assert not Cadre.objects.exists() and not FamilyMember.objects.exists()

    cadre, _warnings = save_record(read_lrmx(exported), actor=officer)
    cadre = Cadre.objects.get(pk=cadre.pk)
    assert {name: getattr(cadre, name) for name in COMPARED} | {"id": None} == before | {"id": None}
    assert set(cadre.specialties.values_list("name", flat=True)) == specialties
    assert (
        list(
            FamilyMember.objects.values_list(
                "position", "relation", "name", "birth_date", "political_status", "work"
            )
        )
        == family
    )
    assert cadre.photo.read() == png_bytes()
