from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadres.forms import CadreForm
from cadres.lrmx import upload as lrmx_upload
from cadres.models import Cadre
from cadres.selectors import cadres_visible_to, units_without_leader
from cadres.validators import normalise_id_number
from guazhi.access import get_visible_or_404, lists_required, staff_required
from guazhi.dates import long_date
from guazhi.forms import show_refusal, shown_order
from guazhi.history import change_log_for
from guazhi.leaderless import confirm_leaderless
from guazhi.paging import paginate
from guazhi.workflow import TransitionError, run_step

from .. import services
from ..choices import SecondmentStatus
from ..forms import (
    DateForm,
    EndEarlyForm,
    ExtendForm,
    ReassignForm,
    SecondmentEditForm,
    SecondmentFilter,
    SecondmentForm,
)
from ..models import Secondment
from ..permissions import secondment_actions
from ..sections import secondment_page
from ..selectors import (
    days_waited,
    secondment_list_queryset,
    secondments_visible_to,
    timeline_for,
    waiting_queryset,
)
from .care import care_context
from .common import action_page, tick_step, untick_step, visible_secondment


def filtered_secondments(request: HttpRequest, queryset: QuerySet[Secondment]) -> SecondmentFilter:
    """The list's filters as the request sets them (the list and its export share them)."""
    visible = secondments_visible_to(request.user)
    batches = visible.exclude(batch="").order_by("-batch").values_list("batch", flat=True).distinct()
    return SecondmentFilter(request.GET, queryset=queryset, batches=list(batches))


@lists_required
def secondment_list(request: HttpRequest) -> HttpResponse:
    visible = secondments_visible_to(request.user)
    secondment_filter = filtered_secondments(request, secondment_list_queryset(request.user))
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).order_by())
    tabs = [(value, label, counts.get(value, 0)) for value, label in SecondmentStatus.choices]
    page = paginate(request, secondment_filter.qs)
    return render(
        request,
        "assignments/secondment_list.html",
        {"filter": secondment_filter, "page": page, "tabs": tabs, "total": sum(counts.values())},
    )


@staff_required
def waiting_list(request: HttpRequest) -> HttpResponse:
    threshold = settings.GUAZHI["WAITING_FOR_POST_DAYS"]
    page = paginate(request, waiting_queryset(request.user))
    rows = [(s, days_waited(s)) for s in page.object_list]
    return render(
        request, "assignments/waiting_list.html", {"page": page, "rows": rows, "threshold": threshold}
    )


@login_required
def secondment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    return render(
        request,
        "assignments/secondment_detail.html",
        {
            "secondment": secondment,
            "cadre": secondment.cadre,
            "actions": secondment_actions(request.user, secondment),
            "assignments": secondment.assignments.select_related("post__unit").order_by("-start_date", "-id"),
            "checklist": secondment.checklist.select_related("item", "done_by"),
            "events": timeline_for(request.user, secondment),
            "history": change_log_for(
                request.user, secondment.history.all(), field_order=shown_order(SecondmentForm())
            ),
            "sections": secondment_page.render_for(request, secondment),
            **care_context(request, secondment),
        },
    )


@staff_required
def secondment_register(request: HttpRequest) -> HttpResponse:
    """Register an incoming secondment, for a cadre already on file or a new one (whose form a
    .lrmx file can fill)."""
    if lrmx_upload.is_upload(request):
        return _register_from_file(request)
    chosen_pk = request.POST.get("existing_cadre") or request.GET.get("cadre")
    existing = get_visible_or_404(cadres_visible_to(request.user), pk=chosen_pk) if chosen_pk else None
    secondment_form = SecondmentForm(request.POST or None, prefix="s")
    cadre_form = (
        None
        if existing
        else CadreForm(request.POST or None, request.FILES or None, prefix="cadre", session=request.session)
    )
    duplicate = None
    if request.method == "POST":
        valid = secondment_form.is_valid()
        valid = (cadre_form is None or cadre_form.is_valid()) and valid
        if cadre_form is not None and cadre_form.errors.get("id_number"):
            number = normalise_id_number(request.POST.get("cadre-id_number", ""))
            duplicate = (
                Cadre.objects.select_related("home_unit").filter(id_number=number).first() if number else None
            )
        if valid:
            try:
                secondment = services.register_secondment(
                    cadre=existing,
                    new_cadre=None if existing else cadre_form.cleaned_data,
                    actor=request.user,
                    **secondment_form.cleaned_data,
                )
            except TransitionError as error:
                if error.fields and cadre_form is not None:
                    show_refusal(cadre_form, error)
                else:
                    messages.error(request, error.message)
            else:
                messages.success(
                    request, _("The secondment of %(name)s is registered.") % {"name": secondment.cadre.name}
                )
                return redirect(secondment)
    return _register_page(request, existing, cadre_form, secondment_form, duplicate)


def _register_page(request, existing, cadre_form, secondment_form, duplicate=None, upload_form=None):
    return render(
        request,
        "assignments/secondment_register.html",
        {
            "existing": existing,
            "cadre_form": cadre_form,
            "secondment_form": secondment_form,
            "duplicate": duplicate,
            "upload_form": upload_form or lrmx_upload.LrmxUploadForm(),
        },
    )


def _register_from_file(request: HttpRequest) -> HttpResponse:
    """The register page with the new cadre's form filled from an uploaded .lrmx file; a cadre
    already on file with its ID number gets the comparison instead."""
    upload_form, uploaded = lrmx_upload.read_upload(request)
    if uploaded is not None and uploaded.existing is not None:
        register_url = f"{reverse('assignments:secondment_register')}?cadre={uploaded.existing.pk}"
        return lrmx_upload.comparison_page(request, uploaded, uploaded.existing, register_url=register_url)
    kwargs = lrmx_upload.filled_form_kwargs(uploaded) if uploaded else {}
    cadre_form = CadreForm(prefix="cadre", session=request.session, **kwargs)
    return _register_page(request, None, cadre_form, SecondmentForm(prefix="s"), upload_form=upload_form)


@staff_required
def secondment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    if not secondment_actions(request.user, secondment).can_edit:
        messages.error(request, _("A secondment that has ended can no longer be edited."))
        return redirect(secondment)
    form = SecondmentEditForm(request.POST or None, instance=secondment)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_secondment(secondment=secondment, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(secondment)
    return render(request, "assignments/secondment_edit.html", {"form": form, "secondment": secondment})


@staff_required
def secondment_report(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    form = DateForm(request.POST or None, label=_("reported for duty on"), submit=_("Record the arrival"))
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.report_arrival(
                secondment=secondment, reported_on=form.cleaned_data["date"], actor=request.user
            ),
            _("The arrival is recorded; the intake checklist has started."),
            secondment,
        )
        if done:
            return done
    return action_page(
        request,
        secondment,
        form,
        title=_("Record the arrival"),
        intro=_("The cadre then waits for a post, and the intake steps fall due from this date."),
    )


@staff_required
def secondment_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    current = secondment.assignments.select_related("post").filter(end_date__isnull=True).first()
    form = ReassignForm(
        request.POST or None,
        exclude_post=current.post if current else None,
        submit=_("Move to this post"),
        confirm=_("Move the cadre to the new post? The current post ends the day before."),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        warning = confirm_leaderless(
            request,
            units_without_leader([data["post"].unit_id]),
            action=_("Place the cadre"),
            back=request.get_full_path(),
        )
        if warning:
            return warning
        done = run_step(
            request,
            lambda: services.reassign(
                secondment=secondment,
                post=data["post"],
                start_date=data["start_date"],
                title=data["title"],
                duties=data["duties"],
                note=data["note"],
                actor=request.user,
            ),
            _("The cadre has moved to the new post."),
            secondment,
        )
        if done:
            return done
    return action_page(request, secondment, form, title=_("Move to another post"))


@staff_required
def secondment_extend(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    form = ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.extend_term(
                secondment=secondment,
                new_end=form.cleaned_data["new_end"],
                note=form.cleaned_data["note"],
                actor=request.user,
            ),
            _("The term is extended."),
            secondment,
        )
        if done:
            return done
    return action_page(
        request,
        secondment,
        form,
        title=_("Extend the term"),
        intro=_("The planned end is now %(date)s.") % {"date": long_date(secondment.term_end)},
    )


@staff_required
def secondment_end_early(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    form = EndEarlyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.end_early(
                secondment=secondment,
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            ),
            _("The secondment has ended early."),
            secondment,
        )
        if done:
            return done
    return action_page(request, secondment, form, title=_("End the secondment early"))


@staff_required
@require_POST
def checklist_done(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    entry = get_visible_or_404(secondment.checklist.select_related("item"), pk=entry_pk)
    return tick_step(request, entry, services.complete_checklist_entry, secondment)


@staff_required
@require_POST
def checklist_undo(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    entry = get_visible_or_404(secondment.checklist.select_related("item"), pk=entry_pk)
    return untick_step(request, entry, services.reopen_checklist_entry, secondment)
