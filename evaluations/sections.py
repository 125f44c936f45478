"""The appraisals and the end-of-term review shown on the secondment page."""

from django.http import HttpRequest

from assignments.models import Secondment
from assignments.sections import Section
from assignments.services import review_offered_from

from .choices import AppraisalStatus
from .models import TermReview
from .permissions import can_start_term_review
from .selectors import appraisals_of, reviews_visible_to


def secondment_appraisals(request: HttpRequest, secondment: Secondment) -> Section:
    appraisals = appraisals_of(request.user, secondment)
    review: TermReview | None = (
        reviews_visible_to(request.user).select_related("appraisal").filter(secondment=secondment).first()
    )
    has_review = review is not None or TermReview.objects.filter(secondment=secondment).exists()
    return Section(
        template="evaluations/includes/secondment_appraisals.html",
        context={
            "secondment": secondment,
            "appraisals": appraisals,
            "graded": [a for a in appraisals if a.grade and a.status == AppraisalStatus.CONFIRMED],
            "review": review,
            "can_start_review": can_start_term_review(request.user, secondment, has_review),
            "review_opens": review_offered_from(secondment),
        },
    )
