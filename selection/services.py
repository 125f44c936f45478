"""Every write of a selection cycle: open, publish, nominate, decide, withdraw.

Each step takes keyword-only arguments, runs in one transaction, re-reads its
rows with ``select_for_update`` and raises ``TransitionError`` with a readable
message when it is not allowed now.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assignments import services as assignment_services
from assignments.matching import is_economic_unit
from cadres.models import Cadre, Unit
from guazhi.dates import term_end
from guazhi.workflow import TransitionError, acting_user

from .choices import CycleStatus, NominationStatus
from .models import Message, Need, Nomination, SelectionCycle, ThreadRead

N = NominationStatus


@transaction.atomic
def open_cycle(*, name: str, deadline, term_start, actor, addressed_units=()) -> SelectionCycle:
    """Draft a selection cycle, addressed to the given sending units (none: all of them)."""
    if SelectionCycle.objects.filter(name=name).exists():
        raise TransitionError(_("A selection cycle named %(name)s already exists.") % {"name": name})
    cycle = SelectionCycle.objects.create(name=name, deadline=deadline, term_start=term_start)
    cycle.addressed_units.set(addressed_units)
    return cycle


@transaction.atomic
def add_need(*, cycle: SelectionCycle, unit: Unit, actor, post=None, specialties=(), **fields) -> Need:
    """List a need in a draft cycle. Its economic and broad-scope marks default, as the seed advises,
    from the receiving unit's name and the post's own mark, unless given."""
    cycle = SelectionCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.DRAFT:
        raise TransitionError(_("Needs are listed while the cycle is a draft."))
    if post is not None and post.unit_id != unit.pk:
        raise TransitionError(_("The post is not in %(unit)s.") % {"unit": unit})
    if post is None and not fields.get("new_post_title", "").strip():
        message = _("Choose an existing post or name the post to be created.")
        raise TransitionError(message, fields={"new_post_title": message})
    fields.setdefault("economic", is_economic_unit(unit.name))
    fields.setdefault("broad_scope", bool(post and post.broad_scope))
    need = Need.objects.create(cycle=cycle, unit=unit, post=post, **fields)
    need.specialties.set(specialties or (post.specialties.all() if post else ()))
    return need


@transaction.atomic
def publish_cycle(*, cycle: SelectionCycle, actor) -> SelectionCycle:
    cycle = SelectionCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.DRAFT:
        raise TransitionError(_("The cycle is already published."))
    if not cycle.needs.exists():
        raise TransitionError(_("List at least one need before publishing."))
    cycle.status = CycleStatus.PUBLISHED
    cycle.published_on = timezone.localdate()
    cycle.save(update_fields=["status", "published_on"])
    return cycle


@transaction.atomic
def close_cycle(*, cycle: SelectionCycle, actor) -> SelectionCycle:
    """Close a published cycle once every nomination is decided or withdrawn: no more are taken, and
    its needs leave the alerts. Accepted nominees keep their reserved seats."""
    cycle = SelectionCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.PUBLISHED:
        raise TransitionError(_("Only a published cycle can be closed."))
    waiting = Nomination.objects.filter(need__cycle=cycle, status=NominationStatus.PROPOSED).count()
    if waiting:
        raise TransitionError(
            ngettext(
                "%(count)d nomination is still waiting for a decision: decide it before closing.",
                "%(count)d nominations are still waiting for a decision: decide them before closing.",
                waiting,
            )
            % {"count": waiting}
        )
    cycle.status = CycleStatus.CLOSED
    cycle.save(update_fields=["status"])
    return cycle


def addressed_to(cycle: SelectionCycle, unit: Unit) -> bool:
    units = {u.pk for u in cycle.addressed_units.all()}
    return unit.sends and (not units or unit.pk in units)


@transaction.atomic
def nominate(
    *,
    need: Need,
    sending_unit: Unit,
    reason: str,
    actor,
    cadre: Cadre | None = None,
    new_cadre: dict | None = None,
    attachment=None,
    lrmx_file=None,
) -> Nomination:
    """Put a cadre of the sending unit forward for a published need: one on file (of that unit), or a
    new one added with the usual checks (``new_cadre``: the facts ``create_cadre`` takes)."""
    from cadres.services import create_cadre

    need = Need.objects.select_related("cycle").get(pk=need.pk)
    cycle = SelectionCycle.objects.select_for_update().get(pk=need.cycle_id)
    if cycle.status != CycleStatus.PUBLISHED:
        raise TransitionError(_("Nominations are taken while the cycle is published."))
    if not addressed_to(cycle, sending_unit):
        raise TransitionError(_("The cycle is not addressed to %(unit)s.") % {"unit": sending_unit})
    if not reason.strip():
        message = _("Write why the cadre fits the need.")
        raise TransitionError(message, fields={"reason": message})
    if (cadre is None) == (new_cadre is None):
        raise ValueError("nominate takes a cadre on file or the facts of a new one")
    if cadre is None:
        cadre = create_cadre(actor=actor, **{**new_cadre, "home_unit": sending_unit})
    elif cadre.home_unit_id != sending_unit.pk:
        raise TransitionError(
            _("%(name)s is not a cadre of %(unit)s.") % {"name": cadre.name, "unit": sending_unit}
        )
    if need.nominations.filter(cadre=cadre, status__in=(N.PROPOSED, N.ACCEPTED)).exists():
        raise TransitionError(_("%(name)s is already nominated for this need.") % {"name": cadre.name})
    return Nomination.objects.create(
        need=need,
        cadre=cadre,
        sending_unit=sending_unit,
        reason=reason.strip(),
        attachment=attachment or "",
        lrmx_file=lrmx_file or "",
        created_by=acting_user(actor),
    )


def _lock(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("need__cycle", "cadre")
        .get(pk=nomination.pk)
    )


def _decide(nomination: Nomination, status: str, reason: str) -> Nomination:
    nomination.status = status
    nomination.decision_reason = reason.strip()
    nomination.decided_on = timezone.localdate()
    nomination.save(update_fields=["status", "decision_reason", "decided_on", "secondment"])
    return nomination


def _require_proposed(nomination: Nomination) -> None:
    if nomination.status != N.PROPOSED:
        raise TransitionError(
            _("The nomination of %(name)s is %(status)s already.")
            % {"name": nomination.cadre.name, "status": nomination.get_status_display()}
        )


@transaction.atomic
def accept_nomination(
    *, nomination: Nomination, actor, reason: str = "", reserved_until: datetime.date | None = None
) -> Nomination:
    """Accept a proposed nominee: the secondment is registered as expected (待报到) in the cycle's
    batch with a seat of the need's post reserved until ``reserved_until`` (by default the term
    start plus the grace days) — the post is created first when the need asks for a new one.
    Refused, and nothing written, when the post has no seat left."""
    nomination = _lock(nomination)
    _require_proposed(nomination)
    need = (
        Need.objects.select_for_update(of=("self",))
        .select_related("cycle", "post", "unit")
        .get(pk=nomination.need_id)
    )
    if need.nominations.filter(status=N.ACCEPTED).count() >= need.count:
        raise TransitionError(_("The need is filled: %(count)d accepted already.") % {"count": need.count})
    if need.post is None:
        need.post = assignment_services.create_post(
            actor=actor,
            unit=need.unit,
            title=need.new_post_title,
            portfolio=need.duties,
            expected_level=need.level,
            quota=need.count,
            broad_scope=need.broad_scope,
            specialties=list(need.specialties.all()),
        )
        need.save(update_fields=["post"])
    start = need.cycle.term_start
    secondment = assignment_services.register_secondment(
        cadre=nomination.cadre,
        sending_unit=nomination.sending_unit,
        term_start=start,
        term_end=term_end(start, need.term_months),
        batch=need.cycle.name,
        actor=actor,
    )
    try:
        secondment = assignment_services.reserve_seat(
            secondment=secondment, post=need.post, actor=actor, until=reserved_until
        )
    except TransitionError as error:
        if error.fields:
            raise
        raise TransitionError(_("The seat is gone: %(why)s") % {"why": error.message}) from None
    nomination.secondment = secondment
    return _decide(nomination, N.ACCEPTED, reason)


@transaction.atomic
def decline_nomination(*, nomination: Nomination, reason: str, actor) -> Nomination:
    nomination = _lock(nomination)
    _require_proposed(nomination)
    if not reason.strip():
        message = _("Write why the nominee is declined; the sending unit reads it.")
        raise TransitionError(message, fields={"reason": message})
    return _decide(nomination, N.DECLINED, reason)


@transaction.atomic
def ask_for_another(*, nomination: Nomination, reason: str, actor) -> Nomination:
    """Decline the nominee and ask the sending unit for another candidate."""
    nomination = _lock(nomination)
    _require_proposed(nomination)
    return _decide(nomination, N.MORE_REQUESTED, reason)


@transaction.atomic
def withdraw_nomination(*, nomination: Nomination, actor, reason: str = "") -> Nomination:
    """Withdraw a nomination; an accepted one gives back its reserved seat (its expected secondment
    stays on file for staff to end or keep)."""
    nomination = _lock(nomination)
    if nomination.status not in (N.PROPOSED, N.ACCEPTED):
        raise TransitionError(_("Only a proposed or accepted nomination can be withdrawn."))
    if nomination.secondment_id:
        assignment_services.release_seat(secondment=nomination.secondment, actor=actor)
    return _decide(nomination, N.WITHDRAWN, reason)


@transaction.atomic
def post_message(*, nomination: Nomination, text: str, actor) -> Message:
    """Write on the nomination's thread; the writer has read it up to their own message."""
    if not text.strip():
        message = _("Write the message.")
        raise TransitionError(message, fields={"text": message})
    written = Message.objects.create(nomination=nomination, author=acting_user(actor), text=text.strip())
    mark_read(nominations=[nomination], actor=actor)
    return written


@transaction.atomic
def post_need_message(*, need: Need, text: str, actor) -> Message:
    """Write on the need's own thread; the writer has read it up to their own message."""
    if not text.strip():
        message = _("Write the message.")
        raise TransitionError(message, fields={"text": message})
    written = Message.objects.create(need=need, author=acting_user(actor), text=text.strip())
    mark_need_read(need=need, actor=actor)
    return written


def mark_need_read(*, need: Need, actor) -> None:
    """The need's own thread is read by the actor now."""
    ThreadRead.objects.update_or_create(user=actor, need=need, defaults={"read_at": timezone.now()})


def mark_read(*, nominations, actor) -> None:
    """The threads of these nominations are read by the actor now."""
    now = timezone.now()
    ids = {nomination.pk for nomination in nominations}
    marks = ThreadRead.objects.filter(user=actor, nomination_id__in=ids)
    seen = set(marks.values_list("nomination_id", flat=True))
    marks.update(read_at=now)
    # Three queries however many threads; a mark another request wrote meanwhile is left as it is.
    ThreadRead.objects.bulk_create(
        [ThreadRead(user=actor, nomination_id=pk, read_at=now) for pk in sorted(ids - seen)],
        ignore_conflicts=True,
    )
