import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments import services
from conftest import TODAY, client_for
from guazhi.tests.samples import PDF
from guazhi.workflow import TransitionError
from oversight.watch import watch_queryset


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx_bytes(with_document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if with_document else "word/other.xml", "<w:document/>")
    return buffer.getvalue()


def test_staff_name_the_mentor_and_the_intake_step_is_ticked(officer_client, placed_in_a):
    url = reverse("assignments:mentor_edit", args=[placed_in_a.pk])
    response = officer_client.post(url, {"mentor": "县委常委、副县长 刘强", "named_on": TODAY.isoformat()})
    assert response.url == placed_in_a.get_absolute_url()
    placed_in_a.refresh_from_db()
    assert (placed_in_a.mentor, placed_in_a.mentor_named_on) == ("县委常委、副县长 刘强", TODAY)
    assert placed_in_a.checklist.get(item__name="明确帮带领导").done_on == TODAY
    assert placed_in_a.events.filter(action="mentor").exists()


def test_changing_the_mentor_keeps_the_previous_one_on_the_timeline(placed_in_a, officer):
    services.name_mentor(secondment=placed_in_a, mentor="刘强", named_on=TODAY, actor=officer)
    services.name_mentor(secondment=placed_in_a, mentor="陈明", named_on=TODAY, actor=officer)
    assert "刘强" in placed_in_a.events.filter(action="mentor").first().note
    with pytest.raises(TransitionError):
        services.name_mentor(secondment=placed_in_a, mentor="陈明", named_on=TODAY, actor=officer)


def test_leaders_and_liaisons_who_see_the_cadre_are_refused_the_mentor_page_and_liaisons_the_plan(
    leader_a, liaison, placed_in_a
):
    url = reverse("assignments:mentor_edit", args=[placed_in_a.pk])
    for user in (leader_a, liaison):
        assert client_for(user).post(url, {"mentor": "刘强"}).status_code == 403
    plan = reverse("assignments:training_plan_edit", args=[placed_in_a.pk])
    assert client_for(liaison).post(plan, {"text": "计划"}).status_code == 403
    placed_in_a.refresh_from_db()
    assert placed_in_a.mentor == "" and placed_in_a.training_plan == ""


def test_staff_write_the_training_plan_with_the_sending_unit_s_recommendations(officer_client, placed_in_a):
    url = reverse("assignments:training_plan_edit", args=[placed_in_a.pk])
    officer_client.post(
        url, {"text": "一、锻炼目标", "filed_on": TODAY.isoformat(), "recommendations": "多压担子"}
    )
    placed_in_a.refresh_from_db()
    assert placed_in_a.training_plan == "一、锻炼目标"
    assert placed_in_a.training_plan_filed_on == TODAY
    assert placed_in_a.sending_unit_recommendations == "多压担子"
    assert placed_in_a.checklist.get(item__name="制定培养计划").done_on == TODAY
    assert placed_in_a.events.filter(action="training_plan").exists()


def test_an_attached_plan_is_stored_and_served_only_to_those_who_see_the_cadre(
    officer_client, liaison, leader_a, leader_b, placed_in_a
):
    url = reverse("assignments:training_plan_edit", args=[placed_in_a.pk])
    upload = SimpleUploadedFile("计划.pdf", PDF, content_type="application/pdf")
    officer_client.post(url, {"text": "", "attachment": upload, "filed_on": TODAY.isoformat()})
    placed_in_a.refresh_from_db()
    assert placed_in_a.training_plan_file.name.startswith("training_plans/")

    download = reverse("assignments:training_plan_download", args=[placed_in_a.pk])
    for user in (liaison, leader_a):
        response = client_for(user).get(download)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
    assert client_for(leader_b).get(download).status_code == 404


def test_a_file_renamed_to_pdf_is_refused_at_the_field_and_nothing_is_saved(officer_client, placed_in_a):
    url = reverse("assignments:training_plan_edit", args=[placed_in_a.pk])
    upload = SimpleUploadedFile("计划.pdf", b"MZ\x90\x00 not a pdf")
    response = officer_client.post(url, {"attachment": upload, "filed_on": TODAY.isoformat()})
    assert response.status_code == 200
    assert "文件内容与扩展名不符" in response.content.decode()
    placed_in_a.refresh_from_db()
    assert placed_in_a.training_plan_filed_on is None and not placed_in_a.training_plan_file


def test_a_file_over_the_size_limit_is_refused(officer_client, placed_in_a, settings):
    settings.GUAZHI = {**settings.GUAZHI, "UPLOAD_MAX_BYTES": 10}
    url = reverse("assignments:training_plan_edit", args=[placed_in_a.pk])
    upload = SimpleUploadedFile("plan.pdf", PDF)
    response = officer_client.post(url, {"attachment": upload, "filed_on": TODAY.isoformat()})
    assert response.context["form"].errors["attachment"]
    placed_in_a.refresh_from_db()
    assert not placed_in_a.training_plan_file


def test_a_word_document_is_accepted_and_a_zip_named_docx_is_not(officer_client, placed_in_a):
    url = reverse("assignments:training_plan_edit", args=[placed_in_a.pk])
    fake = SimpleUploadedFile("plan.docx", docx_bytes(with_document=False))
    response = officer_client.post(url, {"attachment": fake, "filed_on": TODAY.isoformat()})
    assert response.context["form"].errors["attachment"]
    real = SimpleUploadedFile("plan.docx", docx_bytes())
    officer_client.post(url, {"attachment": real, "filed_on": TODAY.isoformat()})
    placed_in_a.refresh_from_db()
    assert placed_in_a.training_plan_file.name.endswith(".docx")


def test_a_plan_needs_text_or_a_file(officer_client, placed_in_a):
    url = reverse("assignments:training_plan_edit", args=[placed_in_a.pk])
    response = officer_client.post(url, {"text": "  ", "filed_on": TODAY.isoformat()})
    assert response.context["form"].errors["text"]
    with pytest.raises(TransitionError):
        services.file_training_plan(secondment=placed_in_a, text="", filed_on=TODAY, actor=None)


def test_filing_the_plan_and_naming_the_mentor_clear_their_alerts(make_secondment, cadre, post, officer):
    secondment = make_secondment(cadre, "in_post", post=post, start=TODAY - datetime.timedelta(days=60))
    assert secondment in watch_queryset(officer, "no_mentor")
    assert secondment in watch_queryset(officer, "no_plan")
    services.name_mentor(secondment=secondment, mentor="刘强", named_on=TODAY, actor=officer)
    services.file_training_plan(secondment=secondment, text="计划", filed_on=TODAY, actor=officer)
    assert secondment not in watch_queryset(officer, "no_mentor")
    assert secondment not in watch_queryset(officer, "no_plan")


def test_the_plan_is_not_overdue_before_its_due_date(make_secondment, cadre, post, officer):
    secondment = make_secondment(cadre, "in_post", post=post, start=TODAY - datetime.timedelta(days=10))
    assert secondment not in watch_queryset(officer, "no_plan")
    assert secondment not in watch_queryset(officer, "no_mentor")
