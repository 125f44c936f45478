import datetime

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import client_for

from .url_matrix import LOGIN, MATRIX

PERSONAS = ["anonymous", "officer", "leader_a", "leader_b", "liaison"]
SKIPPED_NAMESPACES = {"admin"}  # Django's own admin, guarded by its own staff check


def _named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{inner}:" if inner else namespace
            yield from _named_urls(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_a_row_in_the_matrix():
    missing = sorted(set(_named_urls()) - set(MATRIX))
    assert not missing, f"URLs without a row in guazhi/tests/url_matrix.py: {missing}"


def test_the_matrix_names_only_urls_that_exist():
    assert not sorted(set(MATRIX) - set(_named_urls()))


@pytest.fixture
def world(request, db):
    """The objects the matrix rows point at, built through the fixtures.

    Asking for ``db`` here, not only through the fixtures fetched below, lets
    pytest-django see that these tests use the database and run them before
    the transactional tests, whose flush would take the staff group with it.
    """
    names = ["officer", "leader_a", "leader_b", "liaison", "cadre", "unit_a", "unit_b", "sending_unit"]
    names += ["post", "placed_in_a", "waiting"]
    return {name: request.getfixturevalue(name) for name in names}


@pytest.fixture
def waiting(make_secondment, make_cadre):
    return make_secondment(make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_persona_gets_the_expected_answer(world, url_name, persona):
    entry = MATRIX[url_name]
    url = reverse(url_name, args=entry["args"](world)) + entry["query"](world)
    user = None if persona == "anonymous" else world[persona]
    response = client_for(user).get(url)
    expected = entry["expect"][persona]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == expected
