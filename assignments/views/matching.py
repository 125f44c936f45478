from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadres.selectors import units_without_leader
from guazhi.access import get_visible_or_404, staff_required
from guazhi.forms import show_refusal
from guazhi.leaderless import confirm_leaderless
from guazhi.text import xml_safe
from guazhi.workflow import TransitionError

from .. import matching, services
from ..choices import SecondmentStatus
from ..forms import AssignForm, PlanAcceptForm
from ..models import Post, Secondment
from ..selectors import (
    days_waited,
    matching_cadres,
    matching_posts,
    posts_visible_to,
    secondments_visible_to,
    specialty_names,
)

SUGGESTIONS_SHOWN = 10


def _waiting(request: HttpRequest, pk: int) -> Secondment:
    return get_visible_or_404(
        secondments_visible_to(request.user).select_related("cadre__home_unit", "sending_unit"), pk=pk
    )


@staff_required
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """The best posts for one waiting cadre, each score explained part by part."""
    secondment = _waiting(request, pk)
    ranked = []
    if secondment.status == SecondmentStatus.AWAITING_POST:
        facts = matching_cadres(Secondment.objects.filter(pk=secondment.pk))[0]
        ranked = matching.rank_posts(facts, matching_posts(), specialty_names(), limit=SUGGESTIONS_SHOWN)
    return render(
        request,
        "assignments/suggestions.html",
        {"secondment": secondment, "suggestions": ranked, "days_waited": days_waited(secondment)},
    )


@staff_required
def secondment_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a placement: the post, its score and the three tests, then assign."""
    secondment = _waiting(request, pk)
    post = get_visible_or_404(
        posts_visible_to(request.user).select_related("unit"), pk=request.GET.get("post")
    )
    facts = matching_cadres(Secondment.objects.filter(pk=secondment.pk))[0]
    post_facts = matching_posts(Post.objects.filter(pk=post.pk), only_free=False)
    scores = matching.score_all([facts], post_facts, specialty_names()) if post_facts else None
    suggestion = matching.explain(scores, 0, 0) if scores else None
    refusal = matching.refusal(scores, 0, 0) if scores else _("The post has been withdrawn.")
    failed = [str(label) for label, passed in suggestion.three_tests if not passed] if suggestion else []
    form = AssignForm(
        request.POST or None,
        initial={"title": post.title, "duties": post.portfolio},
        confirm=_("Place %(name)s in %(post)s?") % {"name": secondment.cadre.name, "post": post},
        failed_tests=failed,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        warning = confirm_leaderless(
            request,
            units_without_leader([post.unit_id]),
            action=_("Place the cadre"),
            back=request.get_full_path(),
        )
        if warning:
            return warning
        try:
            services.assign(
                secondment=secondment,
                post=post,
                start_date=data["start_date"],
                title=data["title"],
                duties=data["duties"],
                fit_reason=data.get("fit_reason", ""),
                actor=request.user,
            )
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, _("%(name)s is placed in %(post)s.") % {"name": secondment.cadre.name, "post": post}
            )
            return redirect(secondment)
    return render(
        request,
        "assignments/assign_confirm.html",
        {
            "secondment": secondment,
            "post": post,
            "suggestion": suggestion,
            "refusal": refusal,
            "form": form,
            "can_assign": secondment.status == SecondmentStatus.AWAITING_POST,
        },
    )


def _plan_for(request: HttpRequest, batch: str) -> matching.Plan:
    waiting = secondments_visible_to(request.user).filter(status=SecondmentStatus.AWAITING_POST)
    if batch:
        waiting = waiting.filter(batch=batch)
    return matching.plan(matching_cadres(waiting), matching_posts(), specialty_names())


# What staff typed into the plan's lines, kept across a refusal so that nothing typed is lost.
TYPED = "batch_plan_typed"


def _keep_typed(request: HttpRequest) -> None:
    posted = request.POST
    ticked = set(posted.getlist("line"))
    lines = {}
    for name in posted:
        if name.startswith("title-"):
            key = name.removeprefix("title-")
            lines[key] = {
                "title": posted.get(name, ""),
                "duties": posted.get(f"duties-{key}", ""),
                "reason": posted.get(f"reason-{key}", ""),
                "ticked": key.replace("-", ":", 1) in ticked,
            }
    request.session[TYPED] = {"lines": lines, "start_date": posted.get("start_date", "")}


def _lines_as_typed(request: HttpRequest, plan: matching.Plan) -> tuple[list[tuple], str]:
    """Each line with what its fields hold: what was typed before a refusal, else the post's own."""
    typed = request.session.pop(TYPED, None) or {"lines": {}, "start_date": ""}
    lines = []
    for suggestion in plan.lines:
        entered = typed["lines"].get(suggestion.key) or {
            "title": suggestion.post.title,
            "duties": suggestion.post.portfolio,
            "reason": "",
            "ticked": True,
        }
        lines.append((suggestion, entered))
    return lines, typed["start_date"]


@staff_required
def batch_plan(request: HttpRequest) -> HttpResponse:
    """The placement that maximises the total score over all waiting cadres and open posts."""
    batch = xml_safe(request.GET.get("batch", ""))
    waiting = secondments_visible_to(request.user).filter(status=SecondmentStatus.AWAITING_POST)
    batches = sorted(set(waiting.exclude(batch="").values_list("batch", flat=True)), reverse=True)
    result = _plan_for(request, batch)
    lines, start_date = _lines_as_typed(request, result)
    return render(
        request,
        "assignments/batch_plan.html",
        {
            "plan": result,
            "lines": lines,
            "batch": batch,
            "batches": batches,
            "start_date": start_date or timezone.localdate().isoformat(),
        },
    )


@staff_required
@require_POST
def batch_plan_accept(request: HttpRequest) -> HttpResponse:
    """Accept the plan whole or line by line; ``accept_plan`` places each line through ``assign``."""
    batch = xml_safe(request.POST.get("batch", ""))
    back = reverse("assignments:batch_plan") + (f"?{urlencode({'batch': batch})}" if batch else "")
    form = PlanAcceptForm(
        request.POST, secondments=secondments_visible_to(request.user), posts=posts_visible_to(request.user)
    )
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        _keep_typed(request)
        return redirect(back)
    if not form.cleaned_data["line"]:
        messages.warning(request, _("Tick at least one line to accept."))
        _keep_typed(request)
        return redirect(back)
    units = {line.post.unit_id for line in form.cleaned_data["line"] if line is not None}
    warning = confirm_leaderless(
        request, units_without_leader(list(units)), action=_("Accept these placements"), back=back
    )
    if warning:
        return warning
    outcome = services.accept_plan(
        lines=form.cleaned_data["line"], start_date=form.cleaned_data["start_date"], actor=request.user
    )
    if outcome.placed:
        messages.success(request, _("%(n)d cadre(s) placed.") % {"n": outcome.placed})
    for problem in outcome.refusals:
        messages.error(request, _("Not placed: %(problem)s") % {"problem": problem})
    if outcome.refusals:
        # The lines placed leave the plan; those refused come back as they were typed.
        _keep_typed(request)
    return redirect(back)
