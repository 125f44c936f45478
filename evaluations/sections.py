"""The appraisals and the end-of-term review shown on the secondment page."""

from django.http import HttpRequest

from assignments.models import Secondment
from assignments.sections import Section

from .choices import AppraisalStatus
from .models import TermReview
from .permissions import review_start
from .selectors import appraisals_of, reviews_visible_to


def secondment_appraisals(request: HttpRequest, secondment: Secondment) -> Section:
    appraisals = appraisals_of(request.user, secondment)
    review: TermReview | None = (
        reviews_visible_to(request.user).select_related("appraisal").filter(secondment=secondment).first()
    )
    has_review = review is not None or TermReview.objects.filter(secondment=secondment).exists()
    start = review_start(request.user, secondment, has_review)
    return Section(
        template="evaluations/includes/secondment_appraisals.html",
        context={
            "secondment": secondment,
            "appraisals": appraisals,
            "graded": [a for a in appraisals if a.grade and a.status == AppraisalStatus.CONFIRMED],
            "review": review,
            "can_start_review": start.can_start,
            "review_opens": start.offered_from,
        },
    )
