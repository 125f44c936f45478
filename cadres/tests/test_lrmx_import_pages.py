import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadres.models import Cadre, FamilyMember, Specialty
from cadres.tests.lrmx_samples import ID_NUMBER, lrmx
from cadres.tests.photo_helpers import jpeg_bytes
from cadres.tests.test_cadre_pages import cadre_post_data
from cadres.tests.test_photo_and_family import family_data


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def finance(sending_unit):
    assert sending_unit.name == "省财政厅"
    return sending_unit


def upload(client, url, content=None, name="周文博.lrmx"):
    return client.post(url, {"lrmx_file": SimpleUploadedFile(name, content or lrmx())})


def test_uploading_a_file_on_the_add_page_shows_the_form_filled_with_its_photograph(officer_client, finance):
    Specialty.objects.create(name="财政金融")
    response = upload(officer_client, reverse("cadres:cadre_create"))
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial["name"] == "周文博"
    assert form.initial["home_unit"] == finance.pk
    assert form.initial["home_position"] == "预算处副处长"
    assert form.initial["specialties"] == [Specialty.objects.get().pk]
    page = response.content.decode()
    assert 'value="周文博"' in page and "李娟" in page
    token = form.initial["photo_token"]
    photo_url = reverse("cadres:pending_photo", args=[token])
    assert photo_url in page
    assert b"".join(officer_client.get(photo_url).streaming_content) == jpeg_bytes()
    assert "乡村振兴" in page  # the specialty no entry matches is named for the officer
    assert not Cadre.objects.exists()


def test_saving_the_filled_form_keeps_the_photograph_read_from_the_file(officer_client, finance):
    token = upload(officer_client, reverse("cadres:cadre_create")).context["form"].initial["photo_token"]
    data = cadre_post_data(
        finance,
        name="周文博",
        id_number=ID_NUMBER,
        birth_date="1981.07",
        photo_token=token,
        **family_data([{"relation": "妻子", "name": "李娟", "birth_date": "1983.03"}]),
    )
    assert officer_client.post(reverse("cadres:cadre_create"), data).status_code == 302
    cadre = Cadre.objects.get()
    assert cadre.photo.read() == jpeg_bytes()
    assert FamilyMember.objects.get().name == "李娟"


def test_a_photo_token_of_another_session_is_not_taken(officer_client, officer, finance):
    from conftest import client_for

    token = upload(officer_client, reverse("cadres:cadre_create")).context["form"].initial["photo_token"]
    other = client_for(officer)
    data = cadre_post_data(
        finance, name="周文博", id_number=ID_NUMBER, birth_date="1981.07", photo_token=token
    )
    assert other.post(reverse("cadres:cadre_create"), data).status_code == 302
    assert not Cadre.objects.get().photo
    assert other.get(reverse("cadres:pending_photo", args=[token])).status_code == 404


def test_a_refused_file_names_its_reason_on_the_page_and_fills_nothing(officer_client, finance):
    response = upload(officer_client, reverse("cadres:cadre_create"), b"<not xml")
    assert response.status_code == 200
    assert "XML" in response.context["upload_form"].errors["lrmx_file"][0]
    assert "XML" in response.content.decode()
    assert not response.context["form"].initial


def test_a_file_for_a_cadre_on_file_shows_each_change_and_overwrites_nothing_unticked(
    officer_client, make_cadre, finance
):
    cadre = make_cadre(
        "周文博", birth_date=datetime.date(1981, 7, 9), id_number=ID_NUMBER, birthplace="湖南益阳"
    )
    response = upload(officer_client, reverse("cadres:cadre_create"))
    assert response.status_code == 200
    changes = {change.name: change for change in response.context["changes"]}
    assert (changes["birthplace"].old, changes["birthplace"].new) == ("湖南益阳", "湖南长沙")
    assert {"place_of_birth", "rewards", "family", "photo"} <= set(changes)
    key = response.context["key"]
    edit = reverse("cadres:cadre_edit", args=[cadre.pk])
    shown = officer_client.post(edit, {"lrmx_apply": key, "field": ["rewards", "photo"]})
    form = shown.context["form"]
    assert not form.is_bound
    assert form["rewards"].value() == "2019年获评全省财政系统先进个人"
    assert form["birthplace"].value() == "湖南益阳"  # not ticked: as on file
    assert form.pending_photo_token
    cadre.refresh_from_db()
    assert cadre.rewards == "" and cadre.birthplace == "湖南益阳" and not cadre.photo


def test_the_register_page_is_filled_from_the_file(officer_client, finance):
    response = upload(officer_client, reverse("assignments:secondment_register"))
    assert response.status_code == 200
    form = response.context["cadre_form"]
    assert form.initial["name"] == "周文博"
    page = response.content.decode()
    assert 'name="cadre-name"' in page and 'value="周文博"' in page
    assert reverse("cadres:pending_photo", args=[form.initial["photo_token"]]) in page


def test_the_register_page_offers_the_comparison_for_a_cadre_already_on_file(
    officer_client, make_cadre, finance
):
    cadre = make_cadre("周文博", birth_date=datetime.date(1981, 7, 9), id_number=ID_NUMBER)
    response = upload(officer_client, reverse("assignments:secondment_register"))
    assert response.context["cadre"] == cadre
    assert f"?cadre={cadre.pk}" in response.content.decode()


def test_a_file_read_on_a_cadre_s_edit_page_is_compared_with_that_cadre(officer_client, make_cadre, finance):
    cadre = make_cadre("周文博", birth_date=datetime.date(1981, 7, 9), id_number=ID_NUMBER)
    response = upload(officer_client, reverse("cadres:cadre_edit", args=[cadre.pk]))
    assert response.context["cadre"] == cadre
    assert not response.context["other_person"]
    other = make_cadre("孙丽")
    response = upload(officer_client, reverse("cadres:cadre_edit", args=[other.pk]))
    assert response.context["other_person"]
    assert "同一人" in response.content.decode()


def test_nothing_ticked_changes_nothing(officer_client, make_cadre, finance):
    cadre = make_cadre(
        "周文博", birth_date=datetime.date(1981, 7, 9), id_number=ID_NUMBER, birthplace="湖南益阳"
    )
    key = upload(officer_client, reverse("cadres:cadre_create")).context["key"]
    response = officer_client.post(reverse("cadres:cadre_edit", args=[cadre.pk]), {"lrmx_apply": key})
    assert response.context["form"]["birthplace"].value() == "湖南益阳"
    assert "没有勾选" in response.content.decode()
