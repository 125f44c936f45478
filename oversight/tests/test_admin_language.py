"""The administration speaks Chinese: its header, every section (django-axes included), every list,
its filters and its add and change pages."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from conftest import client_for

# What may stay in Latin letters: people's logins, the names of keys and protocols, and what the browser
# sent (django-axes writes <unknown> for a missing user agent).
ALLOWED = {
    "admin",
    "alice",
    "bob",
    "charlie",
    "dora",
    "erin",
    "Control",
    "Command",
    "Mac",
    "LDAP",
    "HTTP",
    "Accept",
    "GET",
    "POST",
    "SHA",
    "unknown",
}
EMAIL = re.compile(r"\S+@\S+")
# Elements whose text is stored data, not the interface: Django wraps a stored value it shows (the masked
# password hash on a user's page, whose hex digits can spell "cec") in <bdi>.
SKIPPED = ("script", "style", "textarea", "option", "bdi")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder") and value:
                self.words += re.findall(r"[A-Za-z]{3,}", value)

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.words += re.findall(r"[A-Za-z]{3,}", EMAIL.sub("", data))


def _english(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    return {word for word in parser.words if word not in ALLOWED}


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x-pass-9876")
    return client_for(user)


def _admin_pages():
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        if model_admin.has_add_permission(_Request()):
            yield reverse(f"admin:{meta.app_label}_{meta.model_name}_add")


class _Request:
    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(*args, **kwargs):
            return True


def test_the_administration_header_and_index_are_in_chinese(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "挂职干部管理" in html
    assert _english(html) == set()


@pytest.mark.parametrize("url", sorted(set(_admin_pages())))
def test_every_administration_page_is_in_chinese(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert _english(response.content.decode()) == set()


@pytest.fixture
def a_county(make_review, make_cadre, post, liaison, leader_a):
    """A review fed back, with the secondment, appraisal, round-less 期满 appraisal and people behind it."""
    return make_review(make_cadre(), post, "fed_back")


@pytest.mark.parametrize(
    "model", sorted(admin.site._registry, key=lambda m: m._meta.label), ids=lambda m: m._meta.label
)
def test_every_record_and_its_history_read_in_chinese(admin_client, a_county, model):
    obj = model._default_manager.order_by("pk").last()
    if obj is None:
        pytest.skip(f"the county has no {model._meta.label}")
    meta = model._meta
    pages = [reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])]
    if hasattr(admin.site._registry[model], "history_view"):
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk]))
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200
        assert _english(response.content.decode()) == set(), url
