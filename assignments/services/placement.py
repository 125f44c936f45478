"""Posts and placement: a seat in a post, checked under the post's row lock."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Unit
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user

from ..choices import (
    RESERVING_STATUSES,
    EventAction,
    PostStatus,
)
from ..models import (
    Assignment,
    Post,
    Secondment,
)
from ..selectors import holding_reservations, placement_fit
from .common import S, _lock, _lock_post, _require, _set_status, record_event


def seats_taken(post: Post, *, other_than: Secondment | None = None) -> int:
    """The post's seats held by cadres in post and reserved for cadres not yet placed (a reservation
    of ``other_than``, the cadre being placed, is theirs to use and not counted)."""
    held = Assignment.objects.filter(post=post, end_date__isnull=True).count()
    reserved = Secondment.objects.filter(holding_reservations(), reserved_post=post)
    if other_than is not None:
        reserved = reserved.exclude(pk=other_than.pk)
    return held + reserved.count()


def _free_seat(post: Post, *, for_secondment: Secondment | None = None) -> Post:
    """The post under its row lock, if it is open and has a free seat (reserved seats count as
    taken, except the one reserved for ``for_secondment``); refused otherwise."""
    post = _lock_post(post)
    if post.status != PostStatus.OPEN:
        raise TransitionError(_("The post %(post)s has been withdrawn.") % {"post": post})
    if seats_taken(post, other_than=for_secondment) >= post.quota:
        raise TransitionError(
            _("The post %(post)s is full: its %(quota)d seat(s) are taken.")
            % {"post": post, "quota": post.quota}
        )
    return post


def _check_start(secondment: Secondment, start_date: datetime.date) -> None:
    earliest = secondment.in_county_from
    if start_date < earliest:
        raise TransitionError(
            _("The post cannot start before %(date)s, when the cadre reported.")
            % {"date": long_date(earliest)}
        )


def placement_note(assignment: Assignment) -> str:
    """The timeline's words for a placement: the unit, the title held and the first day."""
    return _("%(unit)s, %(title)s, from %(date)s") % {
        "unit": assignment.post.unit.name,
        "title": assignment.title,
        "date": long_date(assignment.start_date),
    }


def failed_tests(secondment: Secondment, post: Post) -> list[str]:
    """The three tests (三个有利于) the placement of the secondment's cadre in the post fails."""
    fit = placement_fit(secondment, post)
    return [str(label) for label, passed in (fit.three_tests if fit else []) if not passed]


def _check_fit(secondment: Secondment, post: Post, fit_reason: str | None) -> str:
    """The record of a placement failing a test: the tests and the written reason, required then.
    None (an import, the demo) skips the check; a page always gives the reason, even empty."""
    if fit_reason is None:
        return ""
    failed = failed_tests(secondment, post)
    if not failed:
        return ""
    if not fit_reason.strip():
        message = _("The post fails %(tests)s: write why the cadre is placed here all the same.") % {
            "tests": "、".join(failed)
        }
        raise TransitionError(message, fields={"fit_reason": message})
    return _("Fails %(tests)s; placed because: %(reason)s") % {
        "tests": "、".join(failed),
        "reason": fit_reason.strip(),
    }


def _place(
    secondment: Secondment,
    post: Post,
    start_date: datetime.date,
    *,
    title: str,
    duties: str,
    fit_record: str = "",
) -> Assignment:
    """Seat the locked secondment in the locked post with a free seat: a new open assignment with the
    post's title and portfolio unless others are given, and the post's unit as the current one."""
    assignment = Assignment.objects.create(
        secondment=secondment,
        post=post,
        start_date=start_date,
        title=title or post.title,
        duties=duties or post.portfolio,
        fit_reason=fit_record,
    )
    secondment.current_unit = post.unit
    # Placed: the seat reserved for the cadre, in this post or another, is no longer held apart.
    secondment.reserved_post = None
    return assignment


@transaction.atomic
def assign(
    *,
    secondment: Secondment,
    post: Post,
    start_date: datetime.date,
    actor,
    title: str = "",
    duties: str = "",
    note: str = "",
    fit_reason: str | None = None,
) -> Assignment:
    """Place a waiting cadre in a post with a free seat: awaiting a post → in post. From a page
    (``fit_reason`` given), a post failing one of the three tests needs the reason written, which
    the assignment keeps and the timeline shows."""
    secondment = _lock(secondment)
    _require(secondment, (S.AWAITING_POST,), _("place in a post"))
    post = _free_seat(post, for_secondment=secondment)
    _check_start(secondment, start_date)
    fit_record = _check_fit(secondment, post, fit_reason)
    assignment = _place(secondment, post, start_date, title=title, duties=duties, fit_record=fit_record)
    previous = _set_status(secondment, S.IN_POST, "current_unit", "reserved_post")
    note = note or placement_note(assignment)
    record_event(
        secondment=secondment,
        action=EventAction.ASSIGN,
        actor=actor,
        from_status=previous,
        to_status=S.IN_POST,
        note=_("%(note)s. %(fit)s") % {"note": note, "fit": fit_record} if fit_record else note,
    )
    return assignment


@transaction.atomic
def reassign(
    *,
    secondment: Secondment,
    post: Post,
    start_date: datetime.date,
    actor,
    title: str = "",
    duties: str = "",
    note: str = "",
) -> Assignment:
    """Move a cadre in post to another post: the current assignment ends the day before."""
    secondment = _lock(secondment)
    _require(secondment, (S.IN_POST,), _("move to another post"))
    current = secondment.assignments.select_for_update().get(end_date__isnull=True)
    if current.post_id == post.pk:
        raise TransitionError(_("The cadre already holds this post."))
    if start_date <= current.start_date:
        raise TransitionError(
            _("The new post must start after %(date)s, when the current one began.")
            % {"date": long_date(current.start_date)}
        )
    post = _free_seat(post)
    current.end_date = start_date - datetime.timedelta(days=1)
    current.save(update_fields=["end_date"])
    assignment = _place(secondment, post, start_date, title=title, duties=duties)
    secondment.save(update_fields=["current_unit"])
    record_event(
        secondment=secondment,
        action=EventAction.REASSIGN,
        actor=actor,
        from_status=S.IN_POST,
        to_status=S.IN_POST,
        note=note
        or _("From %(old)s to %(unit)s, %(title)s, from %(date)s")
        % {
            "old": current.title,
            "unit": post.unit.name,
            "title": assignment.title,
            "date": long_date(start_date),
        },
    )
    return assignment


@dataclass
class PlanLine:
    """A line of a placement plan as accepted: the cadre, the post, the 挂任职务 and 分管工作 given
    (the post's when empty) and the reason for placing despite a failed test (三个有利于)."""

    secondment: Secondment
    post: Post
    title: str = ""
    duties: str = ""
    fit_reason: str = ""


@dataclass
class PlanAcceptance:
    placed: int = 0
    # Why each line that was not placed was not, in the order of the lines.
    refusals: list[str] = field(default_factory=list)


def accept_plan(*, lines: Sequence[PlanLine | None], start_date: datetime.date, actor) -> PlanAcceptance:
    """Place the accepted lines of a placement plan, each through ``assign`` in a transaction of its
    own: a line whose seat was taken meanwhile, whose cadre or post is no longer there (None), or
    that fails a test without a reason, is reported and the others are placed, and no lock is held
    from one line to the next."""
    outcome = PlanAcceptance()
    for line in lines:
        if line is None:
            outcome.refusals.append(_("a line that no longer exists"))
            continue
        try:
            assign(
                secondment=line.secondment,
                post=line.post,
                start_date=start_date,
                actor=actor,
                title=line.title,
                duties=line.duties,
                fit_reason=line.fit_reason,
            )
        except TransitionError as error:
            outcome.refusals.append(f"{line.secondment.cadre.name}：{error.message}")
        else:
            outcome.placed += 1
    return outcome


@transaction.atomic
def reserve_seat(
    *, secondment: Secondment, post: Post, actor, note: str = "", until: datetime.date | None = None
) -> Secondment:
    """Hold a seat of the post for a cadre not yet placed (expected or awaiting a post): refused
    when the post is withdrawn or its seats are all held or reserved. The seat is held until
    ``until`` (by default the term start plus GUAZHI_RESERVATION_GRACE_DAYS) unless the cadre
    reports by then. Locks the secondment, then the post, as every placement does."""
    secondment = _lock(secondment)
    _require(secondment, RESERVING_STATUSES, _("reserve a seat"))
    today = timezone.localdate()
    if until is None:
        grace = datetime.timedelta(days=settings.GUAZHI["RESERVATION_GRACE_DAYS"])
        until = max(secondment.term_start, today) + grace
    if until < today:
        message = _("The seat cannot be held until a day already past.")
        raise TransitionError(message, fields={"reserved_until": message})
    post = _free_seat(post, for_secondment=secondment)
    secondment.reserved_post = post
    secondment.reserved_until = until
    secondment.save(update_fields=["reserved_post", "reserved_until"])
    record_event(
        secondment=secondment,
        action=EventAction.RESERVE,
        actor=actor,
        from_status=secondment.status,
        to_status=secondment.status,
        note=note or _("Seat reserved in %(post)s") % {"post": post},
    )
    return secondment


@transaction.atomic
def release_seat(*, secondment: Secondment, actor, note: str = "") -> Secondment:
    """Give back the seat reserved for the cadre, if any."""
    secondment = _lock(secondment)
    if secondment.reserved_post_id is None:
        return secondment
    post = secondment.reserved_post
    secondment.reserved_post = None
    secondment.reserved_until = None
    secondment.save(update_fields=["reserved_post", "reserved_until"])
    record_event(
        secondment=secondment,
        action=EventAction.RELEASE,
        actor=actor,
        from_status=secondment.status,
        to_status=secondment.status,
        note=note or _("Seat released in %(post)s") % {"post": post},
    )
    return secondment


@transaction.atomic
def withdraw_post(*, post: Post, actor) -> Post:
    """Withdraw an open post that nobody holds."""
    post = _lock_post(post)
    if post.status != PostStatus.OPEN:
        raise TransitionError(_("The post is already withdrawn."))
    if post.assignments.filter(end_date__isnull=True).exists():
        raise TransitionError(_("The post is held; move or end its holders' assignments first."))
    post.status = PostStatus.WITHDRAWN
    post.save(update_fields=["status"])
    return post


@transaction.atomic
def reopen_post(*, post: Post, actor) -> Post:
    post = _lock_post(post)
    if post.status == PostStatus.OPEN:
        raise TransitionError(_("The post is already open."))
    post.status = PostStatus.OPEN
    post.save(update_fields=["status"])
    return post


def post_change_refusals(post: Post, *, unit: Unit | None = None, quota: int | None = None) -> dict[str, str]:
    """Why a change of the post's unit or quota would be refused, by field: a post someone holds stays
    in its unit (their secondments belong to it) and keeps a seat for each holder. ``edit_post`` asks
    under the post's row lock; the edit page asks beforehand, to show every mistake at once."""
    held = post.assignments.filter(end_date__isnull=True).count()
    refusals = {}
    if unit is not None and unit.pk != post.unit_id and held:
        refusals["unit"] = _(
            "Cadres hold this post now, so it stays in %(unit)s; create the post in the other unit instead."
        ) % {"unit": post.unit}
    if quota is not None and quota < held:
        refusals["quota"] = _("%(held)d cadres hold this post now; the quota cannot be lower.") % {
            "held": held
        }
    return refusals


@transaction.atomic
def create_post(*, actor, specialties=(), **fields) -> Post:
    """Add a post to a receiving unit's catalog (``fields``, by model field), open and unheld."""
    post = Post(**fields)
    post._history_user = acting_user(actor)
    post.save()
    post.specialties.set(specialties)
    return post


@transaction.atomic
def edit_post(*, post: Post, actor, specialties=None, **fields) -> Post:
    """Change a post's facts (unit, title, portfolio, level, quota …) under its row lock, refused while
    its holders would lose their unit or their seat; the change history keeps who and when."""
    post = _lock_post(post)
    refusals = post_change_refusals(post, unit=fields.get("unit"), quota=fields.get("quota"))
    if refusals:
        raise TransitionError(" ".join(refusals.values()), fields=refusals)
    for name, value in fields.items():
        setattr(post, name, value)
    post._history_user = acting_user(actor)
    post.save(update_fields=list(fields))
    if specialties is not None:
        post.specialties.set(specialties)
    return post
