from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments.forms import DateForm
from assignments.selectors import secondments_visible_to
from guazhi.access import NotVisible, get_visible_or_404, lists_required, staff_required
from guazhi.downloads import DOCX, download, stored_file_download, suffix_of
from guazhi.history import change_log_for
from guazhi.paging import paginate
from guazhi.uploads import content_type_for
from guazhi.workflow import TransitionError, run_step

from .. import services
from ..choices import ReviewStatus
from ..documents import review_docx, reviews_docx
from ..forms import ArchiveForm, FormsAskedForForm, OpinionForm, RatingForm, SelfSummaryForm
from ..models import TermReview
from ..permissions import (
    appraisal_actions,
    may_acknowledge_feedback,
    may_print_forms,
    may_start_reviews,
    review_actions,
)
from ..selectors import (
    next_step,
    open_steps,
    review_attendance,
    review_batches,
    review_list_queryset,
    review_sheet,
    review_sheets,
    review_steps,
    reviews_for_forms,
    reviews_visible_to,
    rounds_visible_to,
)


def _visible(request: HttpRequest, pk: int) -> TermReview:
    return get_visible_or_404(
        reviews_visible_to(request.user).select_related(
            "secondment__cadre__home_unit",
            "secondment__sending_unit",
            "secondment__current_unit",
            "appraisal__unit",
            "appraisal__round",
            "reviewed_by",
            "acknowledged_by",
        ),
        pk=pk,
    )


@lists_required
def review_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    reviews = review_list_queryset(request.user)
    if status in ReviewStatus.values:
        reviews = reviews.filter(status=status)
    page = paginate(request, reviews)
    return render(
        request,
        "evaluations/review_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ReviewStatus.choices,
            "can_start_reviews": may_start_reviews(request.user),
            "form_batches": review_batches(request.user) if may_print_forms(request.user) else [],
        },
    )


@staff_required
@require_POST
def review_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the end-of-term review from the secondment page."""
    secondment = get_visible_or_404(secondments_visible_to(request.user).select_related("cadre"), pk=pk)
    try:
        review = services.start_term_review(secondment=secondment, actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect(secondment)
    messages.success(
        request,
        _("The end-of-term review of %(name)s has started; the receiving unit's appraisal is in its queue.")
        % {"name": secondment.cadre.name},
    )
    return redirect(review)


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = _visible(request, pk)
    steps = review_steps(review)
    return render(
        request,
        "evaluations/review_detail.html",
        {
            "review": review,
            "secondment": review.secondment,
            "steps": steps,
            "next": next_step(steps),
            "attendance": review_attendance(review),
            "actions": review_actions(request.user, review),
            "appraisal_actions": appraisal_actions(request.user, review.appraisal),
            "history": change_log_for(request.user, review.history.all()),
            "exit_checklist": review.exit_checklist.select_related("item", "done_by"),
            "can_acknowledge": may_acknowledge_feedback(request.user, review),
            "today": timezone.localdate(),
        },
    )


def _step_page(request, review: TermReview, form, *, title: str, intro: str = "") -> HttpResponse:
    return render(
        request,
        "evaluations/review_step.html",
        {"review": review, "secondment": review.secondment, "form": form, "title": title, "intro": intro},
    )


def _refuse(request, review: TermReview) -> HttpResponse:
    messages.info(
        request,
        _("That step is not open now: the review is at “%(status)s”.")
        % {"status": review.get_status_display()},
    )
    return redirect(review)


@staff_required
def review_self_summary(request: HttpRequest, pk: int) -> HttpResponse:
    review = _visible(request, pk)
    if not review_actions(request.user, review).can_record_self_summary:
        return _refuse(request, review)
    form = SelfSummaryForm(
        request.POST or None,
        request.FILES or None,
        has_file=bool(review.self_summary_file),
        initial={"text": review.self_summary, "received_on": review.self_summary_on or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            request,
            lambda: services.record_self_summary(
                review=review,
                text=data["text"],
                upload=data["upload"],
                received_on=data["received_on"],
                actor=request.user,
            ),
            _("The self-summary is saved."),
            review,
        )
        if done:
            return done
    return _step_page(
        request,
        review,
        form,
        title=_("Self-summary"),
        intro=_("The cadre's own account of the term (个人总结)."),
    )


@login_required
def review_summary_file(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded self-summary, to those who may see the review."""
    review = _visible(request, pk)
    kept = review.self_summary_file
    suffix = suffix_of(kept, review.self_summary_filename) if kept else ""
    return stored_file_download(
        kept,
        _("%(name)s self-summary%(suffix)s") % {"name": review.secondment.cadre.name, "suffix": suffix},
        content_type_for(kept.name) if kept else None,
    )


@staff_required
def review_rating(request: HttpRequest, pk: int) -> HttpResponse:
    review = _visible(request, pk)
    if not review_actions(request.user, review).can_record_rating:
        return _refuse(request, review)
    initial = {"rated_on": review.rated_on or timezone.localdate()}
    if review.has_rating:
        initial.update(
            raters=review.raters,
            votes_excellent=review.votes_excellent,
            votes_competent=review.votes_competent,
            votes_basically_competent=review.votes_basically_competent,
            votes_incompetent=review.votes_incompetent,
        )
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            request,
            lambda: services.record_democratic_rating(
                review=review,
                raters=data["raters"],
                votes=form.votes(),
                rated_on=data["rated_on"],
                actor=request.user,
            ),
            _("The democratic rating is saved."),
            review,
        )
        if done:
            return done
    return _step_page(
        request,
        review,
        form,
        title=_("Democratic rating"),
        intro=_("The votes for each grade must add up to the number of raters."),
    )


@staff_required
def review_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    review = _visible(request, pk)
    if not review_actions(request.user, review).can_give_opinion:
        return _refuse(request, review)
    form = OpinionForm(request.POST or None, initial={"final_grade": review.appraisal.grade})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            request,
            lambda: services.record_org_opinion(
                review=review,
                opinion=data["org_opinion"],
                final_grade=data["final_grade"],
                actor=request.user,
            ),
            _("The organization department's opinion and the final grade are saved."),
            review,
        )
        if done:
            return done
    return _step_page(
        request,
        review,
        form,
        title=_("Organization department's opinion and final grade"),
        intro=_("The receiving unit graded the cadre %(grade)s.")
        % {"grade": review.appraisal.get_grade_display()},
    )


@staff_required
def review_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    review = _visible(request, pk)
    if not review_actions(request.user, review).can_record_feedback:
        return _refuse(request, review)
    form = DateForm(
        request.POST or None, label=_("fed back to the sending unit on"), submit=_("Record the feedback")
    )
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.record_feedback(
                review=review, fed_back_on=form.cleaned_data["date"], actor=request.user
            ),
            _("The feedback is recorded; the sending unit's liaisons can now read the result."),
            review,
        )
        if done:
            return done
    return _step_page(
        request,
        review,
        form,
        title=_("Feedback to the sending unit"),
        intro=_("The day the result and the appraisal form went to %(unit)s.")
        % {"unit": review.secondment.sending_unit.name},
    )


@staff_required
def review_archive(request: HttpRequest, pk: int) -> HttpResponse:
    review = _visible(request, pk)
    if not review_actions(request.user, review).can_archive:
        return _refuse(request, review)
    still_open = open_steps(review)
    form = ArchiveForm(
        request.POST or None,
        label=_("last day of the secondment"),
        submit=_("Archive"),
        confirm=_("Archive the review? The secondment is completed and the review can no longer be changed."),
        initial={"date": min(timezone.localdate(), review.secondment.term_end)},
        open_steps=still_open,
    )
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.archive_review(
                review=review,
                end_date=form.cleaned_data["date"],
                open_items_reason=form.cleaned_data.get("open_items_reason", ""),
                actor=request.user,
            ),
            _("The review is archived and the secondment is completed."),
            review,
        )
        if done:
            return done
    return _step_page(
        request,
        review,
        form,
        title=_("Archive"),
        intro=_("The secondment ends on this day and the review becomes read-only.")
        + (
            " "
            + _("Steps still open: %(steps)s. Archiving now needs the reason.")
            % {"steps": "、".join(still_open)}
            if still_open
            else ""
        ),
    )


@login_required
def review_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The 挂职干部鉴定表, one page to print on A4 from the browser."""
    review = _visible(request, pk)
    return render(request, "evaluations/review_print.html", {"sheet": review_sheet(review), "review": review})


@login_required
def review_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The 挂职干部鉴定表 as a Word document for the personnel file."""
    review = _visible(request, pk)
    sheet = review_sheet(review)
    filename = _("Appraisal form of %(name)s") % {"name": review.secondment.cadre.name}
    return download(review_docx(sheet), f"{filename}.docx", DOCX)


def _forms_asked_for(request: HttpRequest):
    """The reviews whose forms are asked for, a round's (?round=) or a batch's (?batch=), and the
    name the document goes by; 404 for a round the user does not see, or when neither is named."""
    form = FormsAskedForForm(request.GET)
    if not form.is_valid():
        raise NotVisible
    if form.cleaned_data["round"]:
        appraisal_round = get_visible_or_404(rounds_visible_to(request.user), pk=form.cleaned_data["round"])
        return appraisal_round.title, reviews_for_forms(request.user, appraisal_round=appraisal_round)
    if form.cleaned_data["batch"]:
        batch = form.cleaned_data["batch"]
        return batch, reviews_for_forms(request.user, batch=batch)
    raise NotVisible


@staff_required
def review_forms(request: HttpRequest) -> HttpResponse:
    """The 鉴定表 of a round or a batch on one page, each printing on pages of its own."""
    name, reviews = _forms_asked_for(request)
    return render(
        request,
        "evaluations/review_forms.html",
        {"name": name, "sheets": review_sheets(reviews), "query": request.GET.urlencode()},
    )


@staff_required
def review_forms_download(request: HttpRequest) -> HttpResponse:
    """The same forms as one Word document, one 鉴定表 after another, each from a new page."""
    name, reviews = _forms_asked_for(request)
    sheets = review_sheets(reviews)
    if not sheets:
        raise NotVisible
    title = _("Appraisal forms of %(name)s") % {"name": name}
    return download(reviews_docx(sheets, title=title), f"{title}.docx", DOCX)
