"""Files no record points to are not kept: replaced attachments are deleted once the change
commits, and cleanup_media finds what is left over."""

import datetime
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assignments import services
from conftest import TERM_START
from guazhi.tests.samples import DOCX, PDF


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files(media) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def _replace_plan(client, secondment, name: str, content: bytes):
    url = reverse("assignments:training_plan_edit", args=[secondment.pk])
    data = {
        "text": "",
        "filed_on": (TERM_START + datetime.timedelta(days=19)).isoformat(),
        "attachment": SimpleUploadedFile(name, content),
    }
    return client.post(url, data)


def test_replacing_the_training_plan_file_leaves_only_the_new_file(
    officer_client, placed_in_a, media, django_capture_on_commit_callbacks
):
    for number in range(8):
        with django_capture_on_commit_callbacks(execute=True):
            response = _replace_plan(officer_client, placed_in_a, f"plan{number}.pdf", PDF)
        assert response.status_code == 302
    placed_in_a.refresh_from_db()
    assert _files(media) == [placed_in_a.training_plan_file.name]


def test_a_replacement_that_is_rolled_back_keeps_the_file_on_record(
    officer, placed_in_a, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.file_training_plan(
            secondment=placed_in_a,
            text="",
            attachment=SimpleUploadedFile("plan.pdf", PDF),
            filed_on=TERM_START + datetime.timedelta(days=19),
            actor=officer,
        )
    placed_in_a.refresh_from_db()
    kept = placed_in_a.training_plan_file.name
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.file_training_plan(
            secondment=placed_in_a,
            text="",
            attachment=SimpleUploadedFile("plan.docx", DOCX),
            filed_on=TERM_START + datetime.timedelta(days=20),
            actor=officer,
        )
        raise RuntimeError("the change fails after the file is saved")
    assert kept in _files(media)


def test_replacing_the_self_summary_file_leaves_only_the_new_file(
    officer, make_review, cadre, post, media, django_capture_on_commit_callbacks
):
    from evaluations import services as evaluation_services

    review = make_review(cadre, post)
    for name in ("总结.pdf", "总结.docx", "总结2.pdf"):
        with django_capture_on_commit_callbacks(execute=True):
            evaluation_services.record_self_summary(
                review=review,
                upload=SimpleUploadedFile(name, DOCX if name.endswith("docx") else PDF),
                actor=officer,
            )
        review.refresh_from_db()
    assert _files(media) == [review.self_summary_file.name]


def _cleanup(*arguments: str) -> list[str]:
    out = io.StringIO()
    call_command("cleanup_media", *arguments, stdout=out)
    return out.getvalue().splitlines()


def _age(path, hours: int) -> None:
    then = timezone.now().timestamp() - hours * 3600
    os.utime(path, (then, then))


def test_cleanup_media_lists_files_no_record_points_to_and_removes_them(officer_client, placed_in_a, media):
    _replace_plan(officer_client, placed_in_a, "plan.pdf", PDF)
    placed_in_a.refresh_from_db()
    orphan = media / "training_plans" / "2025" / "left-over.pdf"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(PDF)
    for path in media.rglob("*.pdf"):
        _age(path, 48)
    listed = _cleanup("--dry-run")
    assert listed[0] == "training_plans/2025/left-over.pdf" and "1" in listed[-1]
    assert orphan.exists()
    removed = _cleanup()
    assert removed[0] == "training_plans/2025/left-over.pdf"
    assert _files(media) == [placed_in_a.training_plan_file.name]


def test_cleanup_media_leaves_files_younger_than_a_day(db, media):
    young = media / "roster_uploads" / "token.xlsx"
    young.parent.mkdir(parents=True)
    young.write_bytes(b"PK")
    # The file system stamps the machine's own time; the suite's day is the one that counts.
    _age(young, 0)
    assert len(_cleanup()) == 1
    assert young.exists()
    _age(young, 25)
    assert _cleanup()[0] == "roster_uploads/token.xlsx"
    assert not young.exists()


def test_a_kept_file_gone_from_the_disk_answers_not_found_rather_than_an_error(
    officer, officer_client, make_review, cadre, post, media, django_capture_on_commit_callbacks
):
    from evaluations import services as evaluation_services

    review = make_review(cadre, post)
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_services.record_self_summary(
            review=review, upload=SimpleUploadedFile("总结.pdf", PDF), actor=officer
        )
    review.refresh_from_db()
    url = reverse("evaluations:review_summary_file", args=[review.pk])
    assert officer_client.get(url).status_code == 200
    os.remove(media / review.self_summary_file.name)

    assert officer_client.get(url).status_code == 404
