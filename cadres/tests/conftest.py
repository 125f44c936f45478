"""Fixtures of the cadre tests: a cadre with every fact of the 干部任免审批表 filled."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadres.models import FamilyMember, Specialty
from cadres.tests.photo_helpers import png_bytes


@pytest.fixture
def full_cadre(make_cadre, specialty):
    other = Specialty.objects.create(name="乡村振兴")
    cadre = make_cadre(
        "欧阳明辉",
        birth_date=datetime.date(1979, 11, 23),
        ethnicity="15",
        birthplace="湖南长沙",
        place_of_birth="湖南湘西",
        health="健康",
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
