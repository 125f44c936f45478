"""The application's URLs plus two floors, for the benchmark process only."""

from functools import cache

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path


@login_required
def trivial(request: HttpRequest) -> HttpResponse:
    """No query of its own and no template: what any logged-in page costs before it does anything.

    Behind ``login_required`` like every page measured, so that the session and
    user lookups and the middleware are part of the floor, not of the pages' excess.
    """
    return HttpResponse("ok", content_type="text/plain")


@cache
def _empty_page():
    return engines["django"].from_string('{% extends "base.html" %}{% block content %}{% endblock %}')


@login_required
def layout(request: HttpRequest) -> HttpResponse:
    """The site's layout with nothing in it (navigation, the user's menu, the context processors):
    what every page of the site costs before its own content."""
    return HttpResponse(_empty_page().render({}, request))


urlpatterns = [
    path("__bench__/trivial/", trivial, name="bench_trivial"),
    path("__bench__/layout/", layout, name="bench_layout"),
    path("", include("oversight.urls")),
]
