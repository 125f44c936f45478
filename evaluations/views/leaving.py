"""Leaving, on the review page: staff tick the exit checklist (离任手续); the feedback letter (反馈函)
is downloaded, and the sending unit's liaison confirms its receipt (回执)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments.forms import DateForm
from assignments.views.common import tick_step, untick_step
from guazhi.access import NotVisible, get_visible_or_404, staff_required
from guazhi.downloads import DOCX, download
from guazhi.workflow import run_step

from .. import services
from ..letters import feedback_letter_docx, letter_title
from ..permissions import may_acknowledge_feedback, may_read_feedback_letter, review_actions
from ..selectors import review_sheet, reviews_visible_to


def _entry(request: HttpRequest, pk: int, entry_pk: int):
    review = get_visible_or_404(reviews_visible_to(request.user).select_related("secondment"), pk=pk)
    entry = get_visible_or_404(review.exit_checklist.select_related("item"), pk=entry_pk)
    return review, entry


@staff_required
@require_POST
def exit_step_done(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    review, entry = _entry(request, pk, entry_pk)
    if not review_actions(request.user, review).can_tick_exit_steps:
        messages.info(request, _("The review is archived; its exit steps can no longer change."))
        return redirect(review)
    return tick_step(request, entry, services.complete_exit_step, review)


@staff_required
@require_POST
def exit_step_undo(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    review, entry = _entry(request, pk, entry_pk)
    if not review_actions(request.user, review).can_tick_exit_steps:
        messages.info(request, _("The review is archived; its exit steps can no longer change."))
        return redirect(review)
    return untick_step(request, entry, services.reopen_exit_step, review)


def _review(request: HttpRequest, pk: int):
    return get_visible_or_404(
        reviews_visible_to(request.user).select_related("secondment__cadre", "secondment__sending_unit"),
        pk=pk,
    )


@login_required
def feedback_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The feedback letter (反馈函) with the 鉴定表 appended, as Word, once the result is fed back."""
    review = _review(request, pk)
    if not may_read_feedback_letter(request.user, review):
        raise NotVisible
    sheet = review_sheet(review)
    return download(feedback_letter_docx(sheet), f"{letter_title(sheet)}.docx", DOCX)


@login_required
@require_POST
def feedback_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """The sending unit's liaison confirms the letter arrived (回执), with the date."""
    review = _review(request, pk)
    if not may_acknowledge_feedback(request.user, review):
        messages.info(request, _("There is no feedback letter waiting for your receipt here."))
        return redirect(review)
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["date"][0])
        return redirect(review)
    return run_step(
        request,
        lambda: services.acknowledge_feedback(
            review=review, acknowledged_on=form.cleaned_data["date"], actor=request.user
        ),
        _("The receipt of the feedback letter is confirmed."),
        review,
    ) or redirect(review)
