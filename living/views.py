"""生活保障 on the secondment page: recording the living arrangements and the care visits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments.choices import IN_COUNTY_STATUSES
from assignments.models import Secondment
from assignments.views.common import action_page, visible_secondment
from guazhi.access import deny, get_visible_or_404
from guazhi.forms import show_refusal
from guazhi.workflow import TransitionError, run_step

from . import services
from .forms import CareVisitForm, LifeSupportForm
from .models import CareVisit
from .selectors import care_visits_visible_to, life_support_visible_to, may_look_after


def _looked_after(request: HttpRequest, pk: int) -> tuple[Secondment, HttpResponse | None]:
    """The secondment (404 if not seen), refused (403) to those who only read it; while the cadre is
    not in the county, the page goes back with why."""
    secondment = visible_secondment(request, pk)
    if not may_look_after(request.user, secondment):
        deny(_("The organization department and the receiving unit's leaders record life support."))
    if secondment.status not in IN_COUNTY_STATUSES:
        messages.error(
            request,
            _("Nothing can be recorded now: %(name)s's secondment is %(status)s.")
            % {"name": secondment.cadre.name, "status": secondment.get_status_display()},
        )
        return secondment, redirect(secondment)
    return secondment, None


def _visit(request: HttpRequest, secondment: Secondment, visit_pk: int) -> CareVisit:
    return get_visible_or_404(care_visits_visible_to(request.user).filter(secondment=secondment), pk=visit_pk)


def _save(request, secondment, form, step, success: str) -> HttpResponse | None:
    try:
        step(**form.cleaned_data)
    except TransitionError as error:
        show_refusal(form, error)
        return None
    messages.success(request, success)
    return redirect(secondment.get_absolute_url() + "#living")


@login_required
def life_support_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the housing, meals, transport and who answers for them, or change them."""
    secondment, closed = _looked_after(request, pk)
    if closed:
        return closed
    support = life_support_visible_to(request.user).filter(secondment=secondment).first()
    form = LifeSupportForm(request.POST or None, instance=support)
    if request.method == "POST" and form.is_valid():
        done = _save(
            request,
            secondment,
            form,
            lambda **data: services.record_life_support(secondment=secondment, actor=request.user, **data),
            _("The life support is saved."),
        )
        if done:
            return done
    return action_page(
        request,
        secondment,
        form,
        title=_("Life support"),
        intro=_("Recording the housing ticks the intake step 生活安排落实."),
    )


def _visit_page(request: HttpRequest, pk: int, visit_pk: int | None = None) -> HttpResponse:
    """Record a care visit, or correct one: the same form, the same checks."""
    secondment, closed = _looked_after(request, pk)
    visit = _visit(request, secondment, visit_pk) if visit_pk is not None else None
    if closed:
        return closed
    if visit is None:
        form = CareVisitForm(request.POST or None)
        title, saved = _("Record a care visit"), _("The visit is recorded.")

        def step(**data):
            return services.record_care_visit(secondment=secondment, actor=request.user, **data)
    else:
        form = CareVisitForm(request.POST or None, instance=visit, submit=_("Save the visit"))
        title, saved = _("Correct a care visit"), _("The visit is corrected.")

        def step(**data):
            return services.correct_care_visit(visit=visit, actor=request.user, **data)

    if request.method == "POST" and form.is_valid():
        done = _save(request, secondment, form, step, saved)
        if done:
            return done
    return action_page(request, secondment, form, title=title)


@login_required
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_page(request, pk)


@login_required
def visit_edit(request: HttpRequest, pk: int, visit_pk: int) -> HttpResponse:
    return _visit_page(request, pk, visit_pk)


@login_required
@require_POST
def visit_delete(request: HttpRequest, pk: int, visit_pk: int) -> HttpResponse:
    secondment, closed = _looked_after(request, pk)
    visit = _visit(request, secondment, visit_pk)
    if closed:
        return closed
    return run_step(
        request,
        lambda: services.remove_care_visit(visit=visit, actor=request.user),
        _("The visit is removed."),
        secondment.get_absolute_url() + "#living",
    ) or redirect(secondment)
