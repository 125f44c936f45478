"""A need's page and its nominations: nominate, decide, withdraw, attachments, message threads."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadres.lrmx import upload as lrmx_upload
from cadres.models import Cadre
from guazhi.access import NotVisible, get_visible_or_404, is_org_staff, member_unit_ids, staff_required
from guazhi.downloads import stored_file_download, suffix_of
from guazhi.forms import show_refusal
from guazhi.workflow import TransitionError, run_step

from .. import services
from ..choices import NominationStatus
from ..forms import DecisionForm, MessageForm, NewCadreForm, NominationForm
from ..models import Message
from ..selectors import (
    liaison_unit_for,
    needs_visible_to,
    nominations_visible_to,
    nominee_scores,
    unread_messages,
)
from .cycles import _member_or_staff


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _member_or_staff(request)
    need = get_visible_or_404(needs_visible_to(request.user).select_related("cycle", "unit", "post"), pk=pk)
    nominations = list(
        nominations_visible_to(request.user)
        .filter(need=need)
        .select_related("cadre", "sending_unit", "secondment")
        .prefetch_related(Prefetch("messages", queryset=Message.objects.select_related("author")))
        .order_by("created_at", "id")
    )
    unread = set(
        unread_messages(request.user)
        .filter(Q(nomination__need=need) | Q(need=need))
        .values_list("pk", flat=True)
    )
    need_messages = list(need.messages.select_related("author"))
    services.mark_read(nominations=nominations, actor=request.user)
    services.mark_need_read(need=need, actor=request.user)
    return render(
        request,
        "selection/need_detail.html",
        {
            "need": need,
            "scored": nominee_scores(need, nominations),
            "staff": is_org_staff(request.user),
            "nominating_unit": liaison_unit_for(request.user, need.cycle),
            "proposed": NominationStatus.PROPOSED,
            "live": (NominationStatus.PROPOSED, NominationStatus.ACCEPTED),
            "unread": unread,
            "need_messages": need_messages,
            "grace_days": settings.GUAZHI["RESERVATION_GRACE_DAYS"],
        },
    )


@login_required
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    _member_or_staff(request)
    need = get_visible_or_404(needs_visible_to(request.user).select_related("cycle", "unit", "post"), pk=pk)
    unit = liaison_unit_for(request.user, need.cycle)
    if unit is None:
        raise NotVisible
    if lrmx_upload.is_upload(request):
        return _nominate_from_file(request, need, unit)
    form = NominationForm(request.POST or None, request.FILES or None, unit=unit, session=request.session)
    wants_new = request.method == "POST" and not request.POST.get("existing_cadre")
    cadre_form = NewCadreForm(
        request.POST if wants_new else None,
        request.FILES if wants_new else None,
        prefix="cadre",
        unit=unit,
        session=request.session,
    )
    if request.method == "POST":
        valid = form.is_valid()
        valid = (not wants_new or cadre_form.is_valid()) and valid
        if valid:
            try:
                with transaction.atomic():
                    services.nominate(
                        need=need,
                        sending_unit=unit,
                        reason=form.cleaned_data["reason"],
                        attachment=form.cleaned_data["attachment"],
                        lrmx_file=form.cleaned_data["lrmx_file"],
                        cadre=form.cleaned_data["existing_cadre"],
                        new_cadre=cadre_form.cleaned_data if wants_new else None,
                        actor=request.user,
                    )
            except TransitionError as error:
                show_refusal(cadre_form if wants_new and error.fields.keys() - {"reason"} else form, error)
            else:
                lrmx_upload.forget_file(form.cleaned_data["lrmx_token"], request.session)
                messages.success(request, _("The nomination is sent to the county."))
                return redirect(need)
    return _nominate_page(request, need, unit, form, cadre_form)


def _nominate_page(request, need, unit, form, cadre_form, upload_form=None) -> HttpResponse:
    return render(
        request,
        "selection/nominate.html",
        {
            "need": need,
            "unit": unit,
            "form": form,
            "cadre_form": cadre_form,
            "upload_form": upload_form or lrmx_upload.LrmxUploadForm(),
            "lrmx_read": bool(form["lrmx_token"].value()),
        },
    )


def _nominate_from_file(request: HttpRequest, need, unit) -> HttpResponse:
    """The nomination page with the new cadre's form filled from an uploaded 干部任免审批表 file
    (checked and read as on the cadre pages), the file kept to go with the nomination; a cadre of
    the unit already on file with its ID number is chosen instead. A refused file writes nothing."""
    upload_form, uploaded = lrmx_upload.read_upload(request)
    if uploaded is None:
        form = NominationForm(unit=unit, session=request.session)
        return _nominate_page(
            request, need, unit, form, NewCadreForm(prefix="cadre", unit=unit), upload_form=upload_form
        )
    initial = {"lrmx_token": lrmx_upload.keep_file(request)}
    cadre_kwargs = {}
    number = uploaded.filling.initial.get("id_number")
    existing = Cadre.objects.filter(home_unit=unit, id_number=number).first() if number else None
    if existing is not None:
        initial["existing_cadre"] = existing.pk
        messages.info(
            request, _("%(name)s is on file already and is chosen above.") % {"name": existing.name}
        )
    else:
        cadre_kwargs = lrmx_upload.filled_form_kwargs(uploaded)
        cadre_kwargs["initial"] = {**cadre_kwargs["initial"], "home_unit": unit.pk}
    form = NominationForm(unit=unit, session=request.session, initial=initial)
    cadre_form = NewCadreForm(prefix="cadre", unit=unit, session=request.session, **cadre_kwargs)
    return _nominate_page(request, need, unit, form, cadre_form)


DECISIONS = {
    "accept": (
        services.accept_nomination,
        _("%(name)s is accepted: the secondment is expected, the seat reserved."),
    ),
    "decline": (services.decline_nomination, _("%(name)s is declined.")),
    "more": (services.ask_for_another, _("Another candidate is asked for instead of %(name)s.")),
}


@staff_required
@require_POST
def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_visible_or_404(
        nominations_visible_to(request.user).select_related("cadre", "need"), pk=pk
    )
    decision = DECISIONS.get(request.POST.get("decision", ""))
    form = DecisionForm(request.POST)
    if decision is None:
        messages.error(request, _("Choose a decision."))
        return redirect(nomination.need)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{' '.join(errors)}")
        return redirect(nomination.need)
    step, success = decision
    options = {"reason": form.cleaned_data["reason"]}
    if step is services.accept_nomination:
        options["reserved_until"] = form.cleaned_data["reserved_until"]
    run_step(
        request,
        lambda: step(nomination=nomination, actor=request.user, **options),
        success % {"name": nomination.cadre.name},
        nomination.need,
    )
    return redirect(nomination.need)


@login_required
@require_POST
def nomination_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_visible_or_404(
        nominations_visible_to(request.user).select_related("cadre", "need"), pk=pk
    )
    if not is_org_staff(request.user) and nomination.sending_unit_id not in member_unit_ids(
        request.user, "liaison"
    ):
        raise NotVisible
    run_step(
        request,
        lambda: services.withdraw_nomination(nomination=nomination, actor=request.user),
        _("The nomination of %(name)s is withdrawn.") % {"name": nomination.cadre.name},
        nomination.need,
    )
    return redirect(nomination.need)


@login_required
def nomination_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_visible_or_404(nominations_visible_to(request.user).select_related("cadre"), pk=pk)
    attachment = nomination.attachment
    return stored_file_download(
        attachment,
        _("%(name)s nomination%(suffix)s") % {"name": nomination.cadre.name, "suffix": suffix_of(attachment)},
    )


@login_required
def nomination_lrmx(request: HttpRequest, pk: int) -> HttpResponse:
    """The 干部任免审批表 file the nomination came with, to whoever reads the nomination."""
    nomination = get_visible_or_404(nominations_visible_to(request.user).select_related("cadre"), pk=pk)
    return stored_file_download(
        nomination.lrmx_file, _("%(name)s 干部任免审批表.lrmx") % {"name": nomination.cadre.name}
    )


@login_required
@require_POST
def need_message(request: HttpRequest, pk: int) -> HttpResponse:
    """Write on a need's own thread: whoever reads the need (staff, the liaisons of the units the
    cycle is addressed to, the receiving unit's leader) may."""
    need = get_visible_or_404(needs_visible_to(request.user), pk=pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["text"]))
        return redirect(need)
    run_step(
        request,
        lambda: services.post_need_message(need=need, text=form.cleaned_data["text"], actor=request.user),
        _("The message is sent."),
        need,
    )
    return redirect(need)


@login_required
@require_POST
def nomination_message(request: HttpRequest, pk: int) -> HttpResponse:
    """Write on a nomination's thread: whoever reads the nomination (staff, the nominating unit's
    liaison, the receiving unit's leader) may."""
    nomination = get_visible_or_404(nominations_visible_to(request.user).select_related("need"), pk=pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["text"]))
        return redirect(nomination.need)
    run_step(
        request,
        lambda: services.post_message(
            nomination=nomination, text=form.cleaned_data["text"], actor=request.user
        ),
        _("The message is sent."),
        nomination.need,
    )
    return redirect(nomination.need)
