"""In-term care: talks and their follow-ups, the mentor, the training plan, the reminders sent."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from guazhi.dates import long_date
from guazhi.uploads import validate_document
from guazhi.workflow import TransitionError, acting_user

from ..choices import (
    IN_COUNTY_STATUSES,
    OPEN_STATUSES,
    ChecklistTrigger,
    EventAction,
    TalkKind,
    TrainingPlanStatus,
)
from ..models import (
    ReminderLog,
    Secondment,
    Talk,
)
from .common import _lock, _require, record_event


def tick_intake(secondment: Secondment, trigger: str, done_on: datetime.date, actor) -> None:
    """Tick the open intake steps that this record fulfils (see ChecklistItem.fulfilled_by)."""
    secondment.checklist.filter(item__fulfilled_by=trigger, done_on__isnull=True).update(
        done_on=done_on, done_by=acting_user(actor)
    )


def _check_day(secondment: Secondment, day: datetime.date, what: str) -> None:
    """A day something happened: not in the future, not before the cadre reported."""
    if day > timezone.localdate():
        raise TransitionError(_("The %(what)s cannot be in the future.") % {"what": what})
    earliest = secondment.in_county_from
    if day < earliest:
        raise TransitionError(
            _("The %(what)s cannot be before %(date)s, when the cadre reported.")
            % {"what": what, "date": long_date(earliest)}
        )


def _check_talk(
    secondment: Secondment,
    *,
    date: datetime.date,
    talker: str,
    follow_up: str,
    follow_up_due: datetime.date | None,
) -> None:
    """What a talk on file must be: held on a day from the cadre's reporting to today, by someone, with
    any follow-up that falls due described, and not due before the talk."""
    _check_day(secondment, date, _("date of the talk"))
    if not talker.strip():
        raise TransitionError(_("Say who talked with the cadre."))
    if follow_up_due is not None and not follow_up.strip():
        raise TransitionError(_("Describe the follow-up that is due."))
    if follow_up_due is not None and follow_up_due < date:
        raise TransitionError(_("The follow-up cannot be due before the talk."))


def refresh_last_talk(secondment_ids) -> None:
    """Recompute the date of each secondment's last talk, after talks were corrected or removed, so
    the 'no talk' watch stays true."""
    latest = Talk.objects.filter(secondment=OuterRef("pk")).order_by("-date").values("date")[:1]
    Secondment.objects.filter(pk__in=list(secondment_ids)).update(last_talk_on=Subquery(latest))


# What a talk records, as the page asks for it.
TALK_FIELDS = (
    "kind",
    "date",
    "talker",
    "talker_role",
    "issues_thinking",
    "issues_work",
    "issues_living",
    "actions_taken",
    "follow_up",
    "follow_up_due",
)
# What a correction may change: the kind (an arrival talk ticks its intake step when recorded) stays,
# as do whose talk it is and its follow-up's completion, which are steps of their own.
CORRECTABLE_TALK_FIELDS = tuple(name for name in TALK_FIELDS if name != "kind")


@transaction.atomic
def correct_talk(*, talk: Talk, actor, **fields) -> Talk:
    """Correct a recorded talk (``fields``, among ``CORRECTABLE_TALK_FIELDS``) by the rules a talk is
    recorded by; the secondment's last talk date follows, and the change history keeps who and when."""
    unknown = set(fields) - set(CORRECTABLE_TALK_FIELDS)
    if unknown:
        raise ValueError(f"correct_talk does not change {sorted(unknown)}")
    secondment = _lock(talk.secondment)
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    for name, value in fields.items():
        setattr(talk, name, value.strip() if isinstance(value, str) else value)
    _check_talk(
        secondment,
        date=talk.date,
        talker=talk.talker,
        follow_up=talk.follow_up,
        follow_up_due=talk.follow_up_due,
    )
    talk._history_user = acting_user(actor)
    talk.save(update_fields=list(fields))
    refresh_last_talk([secondment.pk])
    return talk


@transaction.atomic
def remove_talk(*, talk: Talk, actor) -> None:
    """Remove a talk recorded by mistake; the secondment's last talk date follows, the history keeps it."""
    secondment = _lock(talk.secondment)
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    talk._history_user = acting_user(actor)
    talk.delete()
    refresh_last_talk([secondment.pk])


@transaction.atomic
def record_talk(
    *,
    secondment: Secondment,
    date: datetime.date,
    kind: str,
    talker: str,
    talker_role: str,
    actor,
    issues_thinking: str = "",
    issues_work: str = "",
    issues_living: str = "",
    actions_taken: str = "",
    follow_up: str = "",
    follow_up_due: datetime.date | None = None,
) -> Talk:
    """Record a talk with a reported cadre still in the county; an arrival talk ticks its intake step,
    and a talk later than any before moves the secondment's last talk date."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("record a talk"))
    _check_talk(secondment, date=date, talker=talker, follow_up=follow_up, follow_up_due=follow_up_due)
    talk = Talk.objects.create(
        secondment=secondment,
        date=date,
        kind=kind,
        talker=talker.strip(),
        talker_role=talker_role,
        issues_thinking=issues_thinking.strip(),
        issues_work=issues_work.strip(),
        issues_living=issues_living.strip(),
        actions_taken=actions_taken.strip(),
        follow_up=follow_up.strip(),
        follow_up_due=follow_up_due,
        recorded_by=acting_user(actor),
    )
    if secondment.last_talk_on is None or date > secondment.last_talk_on:
        # An update rather than save(): the date is derived, not a change to the secondment's record.
        Secondment.objects.filter(pk=secondment.pk).update(last_talk_on=date)
    if kind == TalkKind.ARRIVAL:
        tick_intake(secondment, ChecklistTrigger.ARRIVAL_TALK, date, actor)
    record_event(
        secondment=secondment,
        action=EventAction.TALK,
        actor=actor,
        note=_("%(kind)s on %(date)s with %(talker)s (%(role)s)")
        % {
            "kind": talk.get_kind_display(),
            "date": long_date(date),
            "talker": talk.talker,
            "role": talk.get_talker_role_display(),
        },
    )
    return talk


@transaction.atomic
def complete_follow_up(*, talk: Talk, done_on: datetime.date, actor) -> Talk:
    """Mark the follow-up of a talk as done, on a day from the talk to today."""
    secondment = _lock(talk.secondment)
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    _require(secondment, OPEN_STATUSES, _("complete a follow-up"))
    if not talk.follow_up:
        raise TransitionError(_("This talk has no follow-up."))
    if talk.follow_up_done_on is not None:
        raise TransitionError(_("This follow-up is already done."))
    if done_on > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."))
    if done_on < talk.date:
        raise TransitionError(
            _("The follow-up cannot be done before the talk, on %(date)s.") % {"date": long_date(talk.date)}
        )
    talk.follow_up_done_on = done_on
    talk.save(update_fields=["follow_up_done_on"])
    record_event(
        secondment=secondment,
        action=EventAction.TALK,
        actor=actor,
        note=_("Follow-up of the talk on %(date)s done on %(done)s: %(follow_up)s")
        % {"date": long_date(talk.date), "done": long_date(done_on), "follow_up": talk.follow_up},
    )
    return talk


@transaction.atomic
def name_mentor(*, secondment: Secondment, mentor: str, named_on: datetime.date, actor) -> Secondment:
    """Name (or change) the county leader who mentors a reported cadre; ticks the intake step."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("name the mentor"))
    mentor = mentor.strip()
    if not mentor:
        raise TransitionError(_("Give the mentor's name and post."))
    if mentor == secondment.mentor:
        raise TransitionError(_("%(mentor)s is already the mentor.") % {"mentor": mentor})
    _check_day(secondment, named_on, _("date the mentor was named"))
    previous = secondment.mentor
    secondment.mentor = mentor
    secondment.mentor_named_on = named_on
    secondment.save(update_fields=["mentor", "mentor_named_on"])
    tick_intake(secondment, ChecklistTrigger.MENTOR, named_on, actor)
    note = _("%(mentor)s, from %(date)s") % {"mentor": mentor, "date": long_date(named_on)}
    if previous:
        note += _(" (instead of %(previous)s)") % {"previous": previous}
    record_event(secondment=secondment, action=EventAction.MENTOR, actor=actor, note=note)
    return secondment


@transaction.atomic
def file_training_plan(
    *,
    secondment: Secondment,
    text: str,
    filed_on: datetime.date,
    actor,
    attachment=None,
    recommendations: str | None = None,
) -> Secondment:
    """File (or revise) the training plan of a reported cadre as text, an attached file or both."""
    secondment = _lock(secondment)
    _require(secondment, IN_COUNTY_STATUSES, _("file the training plan"))
    text = text.strip()
    if not text and attachment is None and not secondment.training_plan_file:
        raise TransitionError(_("Write the training plan or attach it as a file."))
    _check_day(secondment, filed_on, _("date the plan was filed"))
    if attachment is not None:
        try:
            validate_document(attachment)
        except ValidationError as error:
            raise TransitionError(" ".join(error.messages)) from None
    revised = secondment.training_plan_filed_on is not None
    fields = ["training_plan", "training_plan_filed_on", "training_plan_status"]
    secondment.training_plan = text
    secondment.training_plan_filed_on = filed_on
    # Filed by the organization department itself: it stands approved.
    secondment.training_plan_status = TrainingPlanStatus.APPROVED
    if attachment is not None:
        secondment.training_plan_file = attachment
        fields.append("training_plan_file")
    if recommendations is not None:
        secondment.sending_unit_recommendations = recommendations.strip()
        fields.append("sending_unit_recommendations")
    secondment.save(update_fields=fields)
    tick_intake(secondment, ChecklistTrigger.TRAINING_PLAN, filed_on, actor)
    note = (_("Revised on %(date)s") if revised else _("Filed on %(date)s")) % {"date": long_date(filed_on)}
    if attachment is not None:
        note += _(", with an attached file")
    record_event(secondment=secondment, action=EventAction.TRAINING_PLAN, actor=actor, note=note)
    return secondment


@transaction.atomic
def record_reminders_sent(*, user, keys: list[str], at: datetime.datetime | None = None) -> int:
    """Note that these digest items went to this user, so they are not sent again too soon."""
    at = at or timezone.now()
    ReminderLog.objects.bulk_create(ReminderLog(user=user, key=key, sent_at=at) for key in keys)
    return len(keys)
