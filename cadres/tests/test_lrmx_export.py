import pytest
from defusedxml.ElementTree import fromstring
from django.urls import reverse

from cadres.lrmx import read_lrmx
from cadres.lrmx.saving import save_record
from cadres.models import Cadre, FamilyMember
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
