"""The application's URLs plus the framework's floor, for the benchmark process only."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@login_required
def trivial(request: HttpRequest) -> HttpResponse:
    """No query of its own and no template: what any logged-in page costs before it does anything.

    Behind ``login_required`` like every page measured, so that the session and
    user lookups and the middleware are part of the floor, not of the pages' excess.
    """
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("__bench__/trivial/", trivial, name="bench_trivial"),
    path("", include("guazhi.urls")),
]
