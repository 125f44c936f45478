"""我的挂职: the home page of a cadre signed in with their own login."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assignments.models import Assignment
from assignments.selectors import secondments_visible_to
from cadres.selectors import cadres_visible_to
from evaluations.selectors import appraisals_visible_to, own_open_reviews
from living.selectors import life_support_visible_to


def my_secondment(request: HttpRequest) -> HttpResponse:
    """The cadre's own terms (newest first) with the posts and portfolio held, the mentor and the
    training plan, their living arrangements (生活保障), their confirmed appraisals and the self-summary their end-of-term review asks for; every other page shows them only themselves too."""
    user = request.user
    cadre = cadres_visible_to(user).select_related("home_unit").get()
    secondments = (
        secondments_visible_to(user)
        .select_related("sending_unit", "current_unit")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("post__unit").order_by("-start_date", "-id"),
            )
        )
        .order_by("-term_start", "-id")
    )
    supports = {support.secondment_id: support for support in life_support_visible_to(user)}
    appraisals = appraisals_visible_to(user).select_related("round", "unit").order_by("-due_date", "-id")
    return render(
        request,
        "oversight/my_secondment.html",
        {
            "cadre": cadre,
            "terms": [(secondment, supports.get(secondment.pk)) for secondment in secondments],
            "appraisals": appraisals,
            "open_reviews": own_open_reviews(user).select_related("secondment"),
        },
    )
