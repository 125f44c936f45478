"""A liaison nominates a new cadre from their 干部任免审批表 file; the file goes with the nomination."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadres.models import Cadre
from cadres.tests.lrmx_samples import ID_NUMBER, lrmx
from cadres.tests.test_cadre_pages import cadre_post_data
from conftest import client_for
from selection import services
from selection.models import Nomination


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, need, content=None, name="周文博.lrmx"):
    return client.post(
        reverse("selection:nominate", args=[need.pk]),
        {"lrmx_file": SimpleUploadedFile(name, content or lrmx())},
    )


def _prefixed(data):
    return {f"cadre-{name}": value for name, value in data.items()}


def test_a_liaison_fills_the_new_cadre_from_the_file_and_the_file_goes_with_the_nomination(
    cycle_with_need, sending_unit, liaison, officer_client, leader_a
):
    _cycle, need = cycle_with_need
    dora = client_for(liaison)
    response = _upload(dora, need)
    assert response.status_code == 200
    cadre_form = response.context["cadre_form"]
    assert cadre_form.initial["name"] == "周文博" and cadre_form.initial["id_number"] == ID_NUMBER
    assert cadre_form.initial["home_unit"] == sending_unit.pk
    token = response.context["form"].initial["lrmx_token"]
    page = response.content.decode()
    assert 'value="周文博"' in page and token in page
    assert not Cadre.objects.exists()
    data = _prefixed(cadre_post_data(sending_unit, name="周文博", id_number=ID_NUMBER, birth_date="1981.07"))
    sent = dora.post(
        reverse("selection:nominate", args=[need.pk]), {**data, "reason": "熟悉财政预算", "lrmx_token": token}
    )
    assert sent.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.cadre.name == "周文博" and nomination.cadre.home_unit == sending_unit
    assert nomination.lrmx_file.read() == lrmx()
    url = reverse("selection:nomination_lrmx", args=[nomination.pk])
    assert url in officer_client.get(need.get_absolute_url()).content.decode()
    for client in (officer_client, dora, client_for(leader_a)):
        download = client.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == lrmx()


def test_a_bad_file_gives_the_reason_in_chinese_and_writes_nothing(cycle_with_need, liaison):
    _cycle, need = cycle_with_need
    dora = client_for(liaison)
    not_xml = _upload(dora, need, b"this is not xml")
    assert not_xml.status_code == 200
    reason = " ".join(not_xml.context["upload_form"].errors["lrmx_file"])
    assert reason and any("\u4e00" <= ch <= "\u9fff" for ch in reason) and reason in not_xml.content.decode()
    assert "lrmx-kept" not in not_xml.content.decode()
    wrong_kind = _upload(dora, need, b"%PDF-1.4", name="a.pdf")
    assert "请上传 .lrmx 文件" in wrong_kind.content.decode()
    assert not Cadre.objects.exists() and not Nomination.objects.exists()


def test_a_file_too_large_is_refused_before_it_is_read(cycle_with_need, liaison, settings):
    settings.GUAZHI = {**settings.GUAZHI, "LRMX_MAX_BYTES": 100}
    _cycle, need = cycle_with_need
    response = _upload(client_for(liaison), need)
    assert "最大只能上传" in response.content.decode()
    assert not Cadre.objects.exists() and not Nomination.objects.exists()


def test_a_file_token_of_another_session_is_refused_and_nothing_is_written(
    cycle_with_need, sending_unit, liaison, cadre
):
    _cycle, need = cycle_with_need
    token = _upload(client_for(liaison), need).context["form"].initial["lrmx_token"]
    response = client_for(liaison).post(
        reverse("selection:nominate", args=[need.pk]),
        {"existing_cadre": cadre.pk, "reason": "熟悉", "lrmx_token": token},
    )
    assert response.status_code == 200
    assert "请重新读取" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_file_of_a_cadre_of_the_unit_on_file_chooses_that_cadre(
    cycle_with_need, sending_unit, liaison, make_cadre
):
    _cycle, need = cycle_with_need
    on_file = make_cadre("周文博", id_number=ID_NUMBER)
    response = _upload(client_for(liaison), need)
    assert response.context["form"].initial["existing_cadre"] == on_file.pk
    assert Cadre.objects.count() == 1


def test_the_file_is_not_downloaded_by_a_leader_of_another_unit(
    cycle_with_need, liaison, cadre, sending_unit, leader_b
):
    _cycle, need = cycle_with_need
    nomination = services.nominate(
        need=need,
        sending_unit=sending_unit,
        cadre=cadre,
        reason="熟悉",
        lrmx_file=ContentFile(lrmx(), name="a.lrmx"),
        actor=liaison,
    )
    url = reverse("selection:nomination_lrmx", args=[nomination.pk])
    assert client_for(liaison).get(url).status_code == 200
    assert client_for(leader_b).get(url).status_code == 404
