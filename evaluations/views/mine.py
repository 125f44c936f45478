"""The cadre's own 个人总结 for their end-of-term review, written in the system."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from guazhi.access import get_visible_or_404
from guazhi.workflow import run_step

from .. import services
from ..forms import OwnSummaryForm
from ..selectors import own_open_reviews


@login_required
def my_self_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """While their review takes it, the cadre writes their self-summary; it goes into the 鉴定表."""
    review = get_visible_or_404(own_open_reviews(request.user).select_related("secondment__cadre"), pk=pk)
    form = OwnSummaryForm(request.POST or None, initial={"text": review.self_summary})
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.record_self_summary(
                review=review, text=form.cleaned_data["text"], actor=request.user
            ),
            _("Your self-summary is saved. You can change it until the review moves on."),
            "home",
        )
        if done:
            return done
    return render(request, "evaluations/my_self_summary.html", {"review": review, "form": form})
