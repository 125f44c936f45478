import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadres.models import Cadre, FamilyMember
from cadres.tests.photo_helpers import jpeg_bytes
from cadres.tests.test_cadre_pages import cadre_post_data
from conftest import client_for


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def family_data(rows, prefix="family"):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def test_a_cadre_added_with_a_photograph_and_family_shows_them_on_the_page(officer_client, sending_unit):
    data = cadre_post_data(
        sending_unit,
        place_of_birth="湖南湘潭",
        birthplace="湖南长沙",
        rewards="2021年获评优秀共产党员",
        annual_appraisals="2023年度考核优秀",
        inservice_education="postgraduate",
        inservice_school="中央党校",
        photo=SimpleUploadedFile("me.jpg", jpeg_bytes(), content_type="image/jpeg"),
        **family_data(
            [
                {
                    "relation": "妻子",
                    "name": "王芳",
                    "birth_date": "1984.03",
                    "political_status": "中共党员",
                    "work": "长沙市第一中学教师",
                },
                {"relation": "", "name": "", "birth_date": "", "political_status": "", "work": ""},
            ]
        ),
    )
    response = officer_client.post(reverse("cadres:cadre_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    cadre = Cadre.objects.get()
    assert cadre.photo.name.endswith(".jpg")
    member = FamilyMember.objects.get()
    assert (member.relation, member.name, member.birth_date) == ("妻子", "王芳", datetime.date(1984, 3, 1))
    page = officer_client.get(cadre.get_absolute_url()).content.decode()
    for text in (
        "湖南湘潭",
        "湖南长沙",
        "2021年获评优秀共产党员",
        "2023年度考核优秀",
        "中央党校",
        "王芳",
        reverse("cadres:cadre_photo", args=[cadre.pk]),
    ):
        assert text in page
    photo = officer_client.get(reverse("cadres:cadre_photo", args=[cadre.pk]))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    assert b"".join(photo.streaming_content) == jpeg_bytes()


def test_a_photograph_that_is_not_an_image_is_refused_at_the_field_and_nothing_is_saved(
    officer_client, sending_unit
):
    data = cadre_post_data(sending_unit, photo=SimpleUploadedFile("me.jpg", b"not an image at all"))
    response = officer_client.post(reverse("cadres:cadre_create"), data)
    assert response.status_code == 200
    assert "JPEG" in response.context["form"].errors["photo"][0]
    assert not Cadre.objects.exists()


def test_a_photograph_over_the_size_limit_is_refused(officer_client, sending_unit, settings):
    settings.GUAZHI = {**settings.GUAZHI, "PHOTO_MAX_BYTES": 100}
    data = cadre_post_data(sending_unit, photo=SimpleUploadedFile("me.jpg", jpeg_bytes()))
    response = officer_client.post(reverse("cadres:cadre_create"), data)
    assert "photo" in response.context["form"].errors
    assert not Cadre.objects.exists()


def test_the_photograph_is_not_served_to_someone_who_may_not_see_the_cadre(
    officer_client, make_cadre, leader_a, client
):
    cadre = make_cadre()
    cadre.photo.save("p.jpg", SimpleUploadedFile("p.jpg", jpeg_bytes()))
    url = reverse("cadres:cadre_photo", args=[cadre.pk])
    assert officer_client.get(url).status_code == 200
    assert client_for(leader_a).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_a_family_row_without_a_name_is_refused_and_emptied_rows_remove_members(
    officer_client, make_cadre, sending_unit
):
    cadre = make_cadre()
    FamilyMember.objects.create(cadre=cadre, relation="父亲", name="张大山")
    edit = reverse("cadres:cadre_edit", args=[cadre.pk])
    base = cadre_post_data(sending_unit, name=cadre.name, id_number=cadre.id_number, birth_date="1980.04")
    bad = {**base, **family_data([{"relation": "母亲", "name": "", "work": "退休"}])}
    response = officer_client.post(edit, bad)
    assert response.status_code == 200
    assert FamilyMember.objects.get().name == "张大山"
    emptied = {**base, **family_data([{"relation": "", "name": ""}])}
    assert officer_client.post(edit, emptied).status_code == 302
    assert not FamilyMember.objects.exists()
    assert FamilyMember.history.filter(history_type="-").count() == 1


def test_the_cadre_page_shows_who_changed_the_family_members(officer_client, make_cadre, sending_unit):
    cadre = make_cadre()
    edit = reverse("cadres:cadre_edit", args=[cadre.pk])
    base = cadre_post_data(sending_unit, name=cadre.name, id_number=cadre.id_number, birth_date="1980.04")
    rows = [{"relation": "母亲", "name": "刘秀英", "work": "退休"}]
    assert officer_client.post(edit, {**base, **family_data(rows)}).status_code == 302
    page = officer_client.get(cadre.get_absolute_url())
    assert len(page.context["family_history"]) == 1
    assert "母亲 刘秀英" in page.content.decode()
    # Saving the same family again writes no history line.
    assert officer_client.post(edit, {**base, **family_data(rows)}).status_code == 302
    assert FamilyMember.history.count() == 1


def test_a_receiving_unit_leader_who_sees_the_cadre_sees_the_photograph(placed_in_a, leader_a, leader_b):
    cadre = placed_in_a.cadre
    cadre.photo.save("p.jpg", SimpleUploadedFile("p.jpg", jpeg_bytes()))
    url = reverse("cadres:cadre_photo", args=[cadre.pk])
    assert client_for(leader_a).get(url).status_code == 200
    assert client_for(leader_b).get(url).status_code == 404
