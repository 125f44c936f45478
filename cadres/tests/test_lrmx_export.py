import io

import pytest
from defusedxml.ElementTree import fromstring
from django.core.management import call_command
from django.urls import reverse

from cadres.models import Cadre, FamilyMember, Specialty, Unit
from cadres.tests.photo_helpers import png_bytes
from conftest import client_for

# Every fact a cadre holds, compared after the round trip (the search columns follow the name).
COMPARED = [
    f.name
    for f in Cadre._meta.concrete_fields
    if f.name
    not in {"id", "created_at", "updated_at", "photo", "level_bucket", "name_pinyin", "name_initials"}
]


FAMILY = ("position", "relation", "name", "birth_date", "political_status", "work")


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
    officer_client, full_cadre, tmp_path
):
    exported = officer_client.get(reverse("cadres:cadre_lrmx", args=[full_cadre.pk])).content
    before = {name: getattr(full_cadre, name) for name in COMPARED if name != "home_unit"}
    unit = full_cadre.home_unit
    specialties = set(full_cadre.specialties.values_list("name", flat=True))
    family = list(FamilyMember.objects.values_list(*FAMILY))
    full_cadre.delete()
    for model in (Cadre, FamilyMember, Specialty, Unit):
        model.objects.all().delete()
    path = tmp_path / "export.lrmx"
    path.write_bytes(exported)

    call_command("import_lrmx", str(path), "--create-units", stdout=io.StringIO())

    cadre = Cadre.objects.get()
    assert {name: getattr(cadre, name) for name in COMPARED if name != "home_unit"} == before
    assert (cadre.home_unit.name, cadre.home_unit.sends) == (unit.name, True)
    assert set(cadre.specialties.values_list("name", flat=True)) == specialties
    assert list(FamilyMember.objects.values_list(*FAMILY)) == family
    assert cadre.photo.read() == png_bytes()


def test_a_dry_run_that_would_create_units_leaves_none_behind(officer_client, full_cadre, tmp_path):
    exported = officer_client.get(reverse("cadres:cadre_lrmx", args=[full_cadre.pk])).content
    full_cadre.delete()
    Unit.objects.all().delete()
    Specialty.objects.all().delete()
    path = tmp_path / "export.lrmx"
    path.write_bytes(exported)
    call_command("import_lrmx", str(path), "--create-units", "--dry-run", stdout=io.StringIO())
    assert not Unit.objects.exists() and not Specialty.objects.exists() and not Cadre.objects.exists()
