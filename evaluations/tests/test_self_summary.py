"""The self-summary: typed in or uploaded, checked by size, extension and content, served to who may see it."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from conftest import client_for, days_ago
from guazhi.tests.samples import PDF


def _docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def review(make_review, make_cadre, post, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_review(make_cadre("王五", birth_date=datetime.date(1981, 1, 1)), post)


def _upload(client, review, name: str, content: bytes, text: str = ""):
    return client.post(
        reverse("evaluations:review_self_summary", args=[review.pk]),
        {"text": text, "received_on": days_ago(30).isoformat(), "upload": SimpleUploadedFile(name, content)},
    )


def test_staff_upload_a_word_self_summary_and_it_is_served_back_under_its_name(officer_client, review):
    content = _docx_bytes("两年挂职工作总结")
    response = _upload(officer_client, review, "王五个人总结.docx", content)
    assert response.url == review.get_absolute_url()
    review.refresh_from_db()
    assert review.self_summary_filename == "王五个人总结.docx"
    assert "王五" not in review.self_summary_file.name
    download = officer_client.get(reverse("evaluations:review_summary_file", args=[review.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert "attachment" in download["Content-Disposition"]
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("总结.exe", b"MZ\x90\x00", "请上传PDF、Word"),
        ("总结.pdf", b"<html><script>alert(1)</script></html>", "文件内容与扩展名不符"),
        ("总结.docx", b"PK\x03\x04 not really a zip", "文件内容与扩展名不符"),
        ("总结.png", PDF, "文件内容与扩展名不符"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_at_the_field(
    officer_client, review, name, content, message
):
    response = _upload(officer_client, review, name, content)
    assert response.status_code == 200
    assert message in response.context["form"].errors["upload"][0]
    review.refresh_from_db()
    assert not review.self_summary_file and not review.has_self_summary


def test_a_file_larger_than_the_limit_is_refused(officer_client, review, settings):
    settings.GUAZHI = {**settings.GUAZHI, "UPLOAD_MAX_BYTES": 20}
    response = _upload(officer_client, review, "总结.pdf", PDF)
    assert "最大只能上传" in response.context["form"].errors["upload"][0]


def test_neither_text_nor_file_is_named_at_the_field(officer_client, review):
    response = officer_client.post(
        reverse("evaluations:review_self_summary", args=[review.pk]),
        {"text": " ", "received_on": days_ago(30).isoformat()},
    )
    assert response.context["form"].errors["text"] == ["请录入个人总结或上传文件。"]


def test_the_file_is_served_only_to_those_who_see_the_review(
    officer_client, leader_a, leader_b, liaison, review
):
    _upload(officer_client, review, "总结.pdf", PDF)
    url = reverse("evaluations:review_summary_file", args=[review.pk])
    assert client_for(leader_a).get(url).status_code == 200
    assert client_for(leader_b).get(url).status_code == 404
    assert client_for(liaison).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_a_review_without_a_file_answers_404(officer_client, review):
    assert officer_client.get(reverse("evaluations:review_summary_file", args=[review.pk])).status_code == 404
