"""In-term care on the secondment page: talks and their follow-ups, the mentor, the training plan."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guazhi.access import deny, get_visible_or_404
from guazhi.downloads import stored_file_download, suffix_of
from guazhi.people import person_name
from guazhi.workflow import run_step

from .. import services
from ..choices import TalkKind
from ..forms import (
    AttendancePeriodForm,
    DateForm,
    MentorForm,
    ReturnPlanForm,
    TalkForm,
    TrainingPlanForm,
    UnitTrainingPlanForm,
)
from ..models import Secondment
from ..permissions import (
    can_complete_follow_up,
    care_actions,
    leave_actions,
    may_manage_care,
    may_read_talk_notes,
    talker_roles,
)
from ..selectors import attendance, is_leader_of_current_unit
from .common import action_page, visible_secondment


def _refuse_when_closed(request: HttpRequest, secondment: Secondment, allowed: bool) -> HttpResponse | None:
    """A step the user may take in general but the secondment's state does not allow now."""
    if allowed:
        return None
    messages.error(
        request,
        _("Nothing can be recorded now: %(name)s's secondment is %(status)s.")
        % {"name": secondment.cadre.name, "status": secondment.get_status_display()},
    )
    return redirect(secondment)


@login_required
def talk_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a talk, in a role the user may talk in."""
    secondment = visible_secondment(request, pk)
    roles = talker_roles(request.user, secondment)
    if not roles:
        deny(_("You may not record talks for this cadre."))
    closed = _refuse_when_closed(request, secondment, care_actions(request.user, secondment).can_record_talk)
    if closed:
        return closed
    name = person_name(request.user)
    first = not secondment.talks.exists()
    form = TalkForm(
        request.POST or None,
        roles=roles,
        initial={"talker": name, "kind": TalkKind.ARRIVAL if first else TalkKind.ROUTINE},
    )
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.record_talk(secondment=secondment, actor=request.user, **form.cleaned_data),
            _("The talk is recorded."),
            secondment,
        )
        if done:
            return done
    return action_page(
        request,
        secondment,
        form,
        title=_("Record a talk"),
        intro=_(
            "Issues raised in the cadre's thinking, work and living, what was done, and what is to follow."
        ),
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int, talk_pk: int) -> HttpResponse:
    secondment = visible_secondment(request, pk)
    talk = get_visible_or_404(secondment.talks.all(), pk=talk_pk)
    if talk.talker_role not in talker_roles(request.user, secondment):
        deny(_("You may not close this follow-up."))
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["date"][0])
        return redirect(secondment)
    return run_step(
        request,
        lambda: services.complete_follow_up(talk=talk, done_on=form.cleaned_data["date"], actor=request.user),
        _("The follow-up is done."),
        secondment,
    ) or redirect(secondment)


@login_required
def mentor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Name the mentor (帮带领导), or change them."""
    secondment = visible_secondment(request, pk)
    if not may_manage_care(request.user):
        deny(_("Only the organization department names mentors."))
    closed = _refuse_when_closed(request, secondment, care_actions(request.user, secondment).can_name_mentor)
    if closed:
        return closed
    form = MentorForm(request.POST or None, initial={"mentor": secondment.mentor})
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.name_mentor(secondment=secondment, actor=request.user, **form.cleaned_data),
            _("The mentor is named."),
            secondment,
        )
        if done:
            return done
    return action_page(request, secondment, form, title=_("Name the mentor"))


def _plan_page(request, secondment, form, *, title, intro="") -> HttpResponse:
    """The plan's form, with what it is written from beside it: the sending unit's recommendations and
    the cadre's own specialties and wishes (根据干部本人条件、派出单位的培养建议)."""
    return render(
        request,
        "assignments/training_plan_form.html",
        {
            "secondment": secondment,
            "form": form,
            "title": title,
            "intro": intro,
            "specialties": "、".join(s.name for s in secondment.cadre.specialties.all()),
        },
    )


def _due_intro() -> str:
    return _("The plan is due %(days)d days after the cadre reported.") % {
        "days": settings.GUAZHI["TRAINING_PLAN_DUE_DAYS"]
    }


@login_required
def training_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff file the plan themselves (it stands approved); the leaders of the cadre's current unit
    write it, save it as a draft or submit it for approval."""
    secondment = visible_secondment(request, pk)
    actions = care_actions(request.user, secondment)
    if not may_manage_care(request.user):
        if not is_leader_of_current_unit(request.user, secondment):
            deny(
                _(
                    "The training plan is written by the receiving unit and approved by the organization department."
                )
            )
        return _unit_plan(request, secondment, actions)
    closed = _refuse_when_closed(request, secondment, actions.can_file_training_plan)
    if closed:
        return closed
    form = TrainingPlanForm(
        request.POST or None,
        request.FILES or None,
        has_file=bool(secondment.training_plan_file),
        initial={
            "text": secondment.training_plan,
            "recommendations": secondment.sending_unit_recommendations,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            request,
            lambda: services.file_training_plan(
                secondment=secondment,
                text=data["text"],
                attachment=data["attachment"],
                filed_on=data["filed_on"],
                recommendations=data["recommendations"],
                actor=request.user,
            ),
            _("The training plan is saved."),
            secondment,
        )
        if done:
            return done
    return _plan_page(request, secondment, form, title=_("Training plan"), intro=_due_intro())


def _unit_plan(request: HttpRequest, secondment: Secondment, actions) -> HttpResponse:
    if not actions.can_draft_training_plan:
        messages.error(request, _("The training plan is with the organization department for approval."))
        return redirect(secondment)
    form = UnitTrainingPlanForm(
        request.POST or None,
        request.FILES or None,
        has_file=bool(secondment.training_plan_file),
        initial={"text": secondment.training_plan},
    )
    if request.method == "POST" and form.is_valid():
        submit = UnitTrainingPlanForm.DRAFT not in request.POST
        done = run_step(
            request,
            lambda: services.draft_training_plan(
                secondment=secondment,
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data["attachment"],
                submit=submit,
                actor=request.user,
            ),
            _("The training plan is submitted for approval.") if submit else _("The draft is saved."),
            secondment,
        )
        if done:
            return done
    return _plan_page(request, secondment, form, title=_("Training plan"), intro=_due_intro())


def _decidable_plan(request: HttpRequest, pk: int) -> Secondment:
    secondment = visible_secondment(request, pk)
    if not may_manage_care(request.user):
        deny(_("Only the organization department approves training plans."))
    return secondment


@login_required
@require_POST
def training_plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = _decidable_plan(request, pk)
    return run_step(
        request,
        lambda: services.approve_training_plan(secondment=secondment, actor=request.user),
        _("The training plan of %(name)s is approved.") % {"name": secondment.cadre.name},
        secondment,
    ) or redirect(secondment)


@login_required
def training_plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    secondment = _decidable_plan(request, pk)
    form = ReturnPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_step(
            request,
            lambda: services.return_training_plan(
                secondment=secondment, reason=form.cleaned_data["reason"], actor=request.user
            ),
            _("The training plan is returned to the unit."),
            secondment,
        )
        if done:
            return done
    return action_page(request, secondment, form, title=_("Return the training plan"))


@login_required
def training_plan_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The attached plan, for whoever may see the secondment; never a public media URL."""
    secondment = visible_secondment(request, pk)
    plan = secondment.training_plan_file
    return stored_file_download(
        plan,
        _("%(name)s training plan%(suffix)s") % {"name": secondment.cadre.name, "suffix": suffix_of(plan)},
    )


def care_context(request: HttpRequest, secondment: Secondment) -> dict:
    """What the secondment page shows of in-term care, with the steps the user may take on each item."""
    user = request.user
    today = timezone.localdate()
    talks = [
        (talk, can_complete_follow_up(user, secondment, talk), may_read_talk_notes(user, secondment, talk))
        for talk in secondment.talks.select_related("recorded_by")
    ]
    leaves = [
        (leave, leave_actions(user, secondment, leave, today))
        for leave in secondment.leaves.select_related("approver")
    ]
    period = AttendancePeriodForm(request.GET if "att-start" in request.GET else None, prefix="att")
    start = end = None
    if period.is_valid():
        start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    due = {}
    if secondment.reported_on:
        due = {
            "mentor_due": secondment.reported_on
            + datetime.timedelta(days=settings.GUAZHI["MENTOR_DUE_DAYS"]),
            "plan_due": secondment.reported_on
            + datetime.timedelta(days=settings.GUAZHI["TRAINING_PLAN_DUE_DAYS"]),
        }
    return {
        "care": care_actions(user, secondment),
        "talks": talks,
        "leaves": leaves,
        "period_form": period,
        "attendance": attendance(secondment, start, end) if secondment.reported_on else None,
        **due,
    }
