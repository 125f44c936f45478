"""The training plan as the seed has it (接收单位要根据干部本人条件、派出单位的培养建议，制定挂职干部的
培养计划): the leaders of the cadre's current unit draft it and submit it; the organization department
approves it or returns it with a reason. Staff may still file a plan themselves (``file_training_plan``),
which stands approved. An approved plan clears the 未制定培养计划 alert."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guazhi.uploads import validate_document
from guazhi.workflow import TransitionError, acting_user

from ..choices import IN_COUNTY_STATUSES, ChecklistTrigger, EventAction, TrainingPlanStatus
from ..models import Secondment
from .care import tick_intake
from .common import _lock, _require, record_event

P = TrainingPlanStatus


def _require_plan(secondment: Secondment, allowed: tuple[str, ...], action: str) -> None:
    if secondment.training_plan_status not in allowed:
        raise TransitionError(
            _("Cannot %(action)s: %(name)s's training plan is %(status)s.")
            % {
                "action": action,
                "name": secondment.cadre.name,
                "status": secondment.get_training_plan_status_display() or _("not written yet"),
            }
        )


@transaction.atomic
def draft_training_plan(
    *, secondment: Secondment, text: str, actor, attachment=None, submit: bool
) -> Secondment:
    """The receiving unit writes (or revises) the plan, as text, an attached file or both; ``submit``
    sends it to the organization department for approval, otherwise it stays a draft."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("write the training plan"))
    _require_plan(secondment, ("", P.DRAFT, P.RETURNED, P.APPROVED), _("revise the training plan"))
    text = text.strip()
    if submit and not text and attachment is None and not secondment.training_plan_file:
        raise TransitionError(_("Write the training plan or attach it as a file."))
    if attachment is not None:
        try:
            validate_document(attachment)
        except ValidationError as error:
            raise TransitionError(" ".join(error.messages)) from None
    fields = ["training_plan", "training_plan_status"]
    secondment.training_plan = text
    secondment.training_plan_status = P.SUBMITTED if submit else P.DRAFT
    if attachment is not None:
        secondment.training_plan_file = attachment
        fields.append("training_plan_file")
    secondment._history_user = acting_user(actor)
    secondment.save(update_fields=fields)
    if submit:
        record_event(
            secondment=secondment,
            action=EventAction.TRAINING_PLAN,
            actor=actor,
            note=_("Submitted by %(unit)s for approval") % {"unit": secondment.current_unit or "—"},
        )
    return secondment


@transaction.atomic
def approve_training_plan(*, secondment: Secondment, actor) -> Secondment:
    """The organization department approves a submitted plan: it is the cadre's plan from today."""
    secondment = _lock(secondment)
    _require_plan(secondment, (P.SUBMITTED,), _("approve the training plan"))
    today = timezone.localdate()
    secondment.training_plan_status = P.APPROVED
    secondment.training_plan_return_reason = ""
    fields = ["training_plan_status", "training_plan_return_reason"]
    if secondment.training_plan_filed_on is None:
        secondment.training_plan_filed_on = today
        fields.append("training_plan_filed_on")
    secondment._history_user = acting_user(actor)
    secondment.save(update_fields=fields)
    tick_intake(secondment, ChecklistTrigger.TRAINING_PLAN, today, actor)
    record_event(
        secondment=secondment,
        action=EventAction.TRAINING_PLAN,
        actor=actor,
        note=_("Approved the training plan"),
    )
    return secondment


@transaction.atomic
def return_training_plan(*, secondment: Secondment, reason: str, actor) -> Secondment:
    """The organization department sends a submitted plan back to the unit, with the reason."""
    secondment = _lock(secondment)
    _require_plan(secondment, (P.SUBMITTED,), _("return the training plan"))
    reason = reason.strip()
    if not reason:
        raise TransitionError(
            _("Give the reason for returning the plan."), fields={"reason": _("Give the reason.")}
        )
    secondment.training_plan_status = P.RETURNED
    secondment.training_plan_return_reason = reason
    secondment._history_user = acting_user(actor)
    secondment.save(update_fields=["training_plan_status", "training_plan_return_reason"])
    record_event(
        secondment=secondment,
        action=EventAction.TRAINING_PLAN,
        actor=actor,
        note=_("Returned the training plan: %(reason)s") % {"reason": reason},
    )
    return secondment
