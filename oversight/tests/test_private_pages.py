"""What a signed-in user is sent is not kept by browsers or proxies; refusals are logged in one line."""

import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments import services
from conftest import client_for
from guazhi.tests.samples import PDF


@pytest.fixture
def with_plan(placed_in_a, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.file_training_plan(
        secondment=placed_in_a,
        text="",
        attachment=SimpleUploadedFile("plan.pdf", PDF),
        filed_on=placed_in_a.term_start,
        actor=officer,
    )
    return placed_in_a


def _private(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_pages_and_files_with_personal_data_are_not_kept_by_browsers(
    officer_client, with_plan, make_review, make_cadre, make_post
):
    review = make_review(
        make_cadre("王建国", birth_date=with_plan.cadre.birth_date.replace(year=1979)), make_post()
    )
    urls = [
        reverse("home"),
        with_plan.cadre.get_absolute_url(),
        with_plan.get_absolute_url(),
        reverse("assignments:roster_export"),
        reverse("oversight:summary_xlsx"),
        reverse("oversight:summary_docx"),
        reverse("assignments:training_plan_download", args=[with_plan.pk]),
        reverse("evaluations:review_print", args=[review.pk]),
        reverse("evaluations:review_download", args=[review.pk]),
    ]
    for url in urls:
        response = officer_client.get(url)
        assert response.status_code == 200, url
        assert _private(response), url


def test_a_refusal_page_is_not_kept_either(leader_a, with_plan):
    response = client_for(leader_a).get(reverse("assignments:mentor_edit", args=[with_plan.pk]))
    assert response.status_code == 403 and _private(response)


def test_a_refused_action_is_logged_in_one_line_with_its_reason_and_no_traceback(leader_a, with_plan, caplog):
    url = reverse("assignments:mentor_edit", args=[with_plan.pk])
    with caplog.at_level(logging.INFO):
        assert client_for(leader_a).get(url).status_code == 403
    refusals = [r for r in caplog.records if r.name == "guazhi.security"]
    assert len(refusals) == 1
    message = refusals[0].getMessage()
    assert f"status=403 user={leader_a.pk}" in message and url in message and "reason=" in message
    assert "reason=''" not in message
    assert not [r for r in caplog.records if r.exc_info and not r.name.startswith("guazhi")]


def test_the_language_cookie_is_secure_when_the_session_cookie_is():
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_SECURE, settings.LANGUAGE_COOKIE_SECURE)"
    environment = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "guazhi.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert result.stdout.split() == ["True", "True"]
