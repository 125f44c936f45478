import logging

import pytest
from django.test import Client
from django.urls import reverse

from conftest import client_for


@pytest.mark.parametrize("url_name", ["login", "home", "cadres:cadre_list", "cadres:unit_list"])
def test_every_page_carries_a_content_security_policy_without_inline_scripts(officer, url_name):
    client = Client() if url_name == "login" else client_for(officer)
    response = client.get(reverse(url_name))
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src
    assert "default-src 'self'" in policy


def test_the_pages_load_nothing_from_outside_the_application(officer):
    html = client_for(officer).get(reverse("cadres:cadre_list")).content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "<script>" not in html


def test_a_hidden_object_is_logged_as_a_refusal_without_personal_data(leader_a, cadre, caplog):
    with caplog.at_level(logging.WARNING, logger="guazhi.security"):
        response = client_for(leader_a).get(cadre.get_absolute_url())
    assert response.status_code == 404
    record = next(r for r in caplog.records if r.name == "guazhi.security")
    message = record.getMessage()
    assert f"user={leader_a.pk}" in message
    assert cadre.get_absolute_url() in message
    assert cadre.name not in message and "bob" not in message


def test_a_page_that_does_not_exist_is_not_logged_as_a_refusal(officer, caplog):
    with caplog.at_level(logging.WARNING, logger="guazhi.security"):
        assert client_for(officer).get("/no-such-page/").status_code == 404
    assert not [r for r in caplog.records if r.name == "guazhi.security"]


def test_sessions_end_with_the_browser_and_after_eight_hours(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_a_leader_gets_404_for_a_staff_page_the_same_as_for_nothing(leader_a):
    client = client_for(leader_a)
    assert client.get(reverse("cadres:cadre_list")).status_code == 404
    assert client.get(reverse("cadres:cadre_detail", args=[999999])).status_code == 404
