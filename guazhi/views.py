from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cadres.selectors import units_visible_to
from evaluations.selectors import home_queue

from .access import is_org_staff, member_unit_ids


@login_required
def home(request: HttpRequest) -> HttpResponse:
    my_units = []
    if not is_org_staff(request.user) and member_unit_ids(request.user):
        my_units = units_visible_to(request.user).order_by("name")
    return render(request, "home.html", {"my_units": my_units, "appraisal_queue": home_queue(request.user)})
