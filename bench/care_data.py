"""Talks and leave for the synthetic county, with the timeline lines the services would write.

Talks: an arrival talk for most cadres soon after reporting, routine talks
spread over the time each cadre has spent in the county (the total is
``DatasetSpec.talks``, shared out by that time), a few admonishing talks, the
end-of-term and departure talks, and follow-ups of which some are overdue.
About one cadre in twelve still in the county has been left without a talk
for over three months, so the dashboard's "no talk" watch has work to do.

Leave: ``DatasetSpec.leave`` records over the cadres who reported, never
overlapping for one cadre, mostly short; most approved and reported back on
time, some back late, some not back at all, a few refused or cancelled, and
requests for the coming weeks still waiting for a decision.
"""

import datetime
import random

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from assignments.choices import (
    IN_COUNTY_STATUSES,
    ApprovalTier,
    EventAction,
    LeaveKind,
    LeaveStatus,
    TalkerRole,
    TalkKind,
)
from assignments.models import Leave, Secondment, SecondmentEvent, Talk
from assignments.services import approval_tier_for
from cadres.models import Unit

from . import corpus
from .context import BuildContext, Placement, S, Weighted, days, insert_rows
from .people import person_name

NEGLECTED_SHARE = 0.08
FOLLOW_UP_SHARE = 0.25
REMINDER_SHARE = 0.04
ROLES = Weighted(
    (
        (TalkerRole.RECEIVING_LEADER, 40),
        (TalkerRole.MENTOR, 30),
        (TalkerRole.ORG_DEPARTMENT, 20),
        (TalkerRole.SENDING_UNIT, 10),
    )
)


def _full_name(user) -> str:
    return f"{user.last_name}{user.first_name}"


def unit_on(placements: list[Placement], day: datetime.date) -> Unit | None:
    """The receiving unit the cadre served in on that day (the nearest post when between posts)."""
    if not placements:
        return None
    for placement in placements:
        if placement.start <= day and (placement.end is None or day <= placement.end):
            return placement.post.unit
    earlier = [p for p in placements if p.start <= day]
    return (earlier[-1] if earlier else placements[0]).post.unit


def _in_county_until(ctx: BuildContext, s: Secondment) -> datetime.date:
    return min(s.actual_end or ctx.today, ctx.today)


# --- talks -----------------------------------------------------------------------------------------


class _TalkMaker:
    def __init__(self, ctx: BuildContext, rng: random.Random):
        self.ctx = ctx
        self.rng = rng
        self.placements = ctx.placements_by_secondment()
        self.staff = ctx.users["staff"]
        self.talks: list[Talk] = []
        self.events: list[SecondmentEvent] = []
        # Translated once: a hundred thousand lines share them.
        self.note = _("%(kind)s on %(date)s with %(talker)s (%(role)s)")
        self.kinds = {value: str(label) for value, label in TalkKind.choices}
        self.roles = {value: str(label) for value, label in TalkerRole.choices}

    def fixed(self, s: Secondment) -> list[tuple[datetime.date, str]]:
        """The talks every term has at its milestones: arrival, end of term, departure."""
        rng, until = self.rng, _in_county_until(self.ctx, s)
        found = []
        if rng.random() < 0.92:
            found.append((min(s.reported_on + days(rng.randint(0, 7)), until), TalkKind.ARRIVAL))
        if s.status in (S.UNDER_REVIEW, S.COMPLETED):
            found.append(
                (max(s.reported_on, min(s.term_end - days(rng.randint(0, 25)), until)), TalkKind.TERM_END)
            )
        if s.status == S.COMPLETED or (s.status == S.ENDED_EARLY and rng.random() < 0.7):
            found.append((s.actual_end, TalkKind.DEPARTURE))
        return found

    def routine_window(self, s: Secondment) -> tuple[datetime.date, datetime.date]:
        """Where routine talks fall: from two weeks after reporting to the last talk, which for a
        cadre still in the county is recent, or over three months ago for the neglected few."""
        rng, today = self.rng, self.ctx.today
        first = s.reported_on + days(15)
        if s.status not in IN_COUNTY_STATUSES:
            return first, _in_county_until(self.ctx, s)
        if rng.random() < NEGLECTED_SHARE:
            return first, today - days(rng.randint(95, 300))
        return first, today - days(rng.randint(0, 60))

    def talk(self, s: Secondment, day: datetime.date, kind: str) -> None:
        rng = self.rng
        unit = unit_on(self.placements.get(s.pk, []), day)
        role = TalkerRole.ORG_DEPARTMENT
        if kind in (TalkKind.ROUTINE, TalkKind.REMINDER):
            role = ROLES.pick(rng)
        if role == TalkerRole.MENTOR and not s.mentor:
            role = TalkerRole.RECEIVING_LEADER
        if role == TalkerRole.RECEIVING_LEADER and unit is None:
            role = TalkerRole.ORG_DEPARTMENT
        recorder = self.staff
        if role == TalkerRole.ORG_DEPARTMENT:
            talker = f"{rng.choice(corpus.TALKERS_ORG)} {person_name(rng, rng.random() < 0.7)}"
        elif role == TalkerRole.RECEIVING_LEADER:
            recorder = self.ctx.leaders[unit.pk]
            talker = f"{unit.name}{rng.choice(corpus.LEADER_TITLES)} {_full_name(recorder)}"
        elif role == TalkerRole.MENTOR:
            talker = s.mentor
        else:
            talker = f"{s.sending_unit.name}{rng.choice(corpus.TALKERS_SENDING)} {person_name(rng, True)}"
        # Keys rather than objects: the related-object setters cost more than the rest of the row.
        talk = Talk(
            secondment_id=s.pk,
            date=day,
            kind=kind,
            talker=talker,
            talker_role=role,
            issues_thinking=rng.choice(corpus.TALK_THINKING),
            issues_work=corpus.REMINDER_TALK if kind == TalkKind.REMINDER else rng.choice(corpus.TALK_WORK),
            issues_living=rng.choice(corpus.TALK_LIVING),
            actions_taken=rng.choice(corpus.TALK_ACTIONS),
            recorded_by_id=recorder.pk,
        )
        if kind in (TalkKind.ROUTINE, TalkKind.REMINDER) and rng.random() < FOLLOW_UP_SHARE:
            self._follow_up(talk, s)
        self.talks.append(talk)
        note = self.note % {
            "kind": self.kinds[kind],
            "date": day.isoformat(),
            "talker": talker,
            "role": self.roles[role],
        }
        at = self.ctx.at(day, rng)
        self.events.append(
            SecondmentEvent(
                secondment_id=s.pk, action=EventAction.TALK, actor_id=recorder.pk, note=note, at=at
            )
        )

    def _follow_up(self, talk: Talk, s: Secondment) -> None:
        """A follow-up due weeks later: mostly done by then, some overdue for cadres still here."""
        rng, today = self.rng, self.ctx.today
        talk.follow_up = rng.choice(corpus.TALK_FOLLOW_UPS)
        talk.follow_up_due = talk.date + days(rng.randint(14, 60))
        latest = min(talk.follow_up_due, _in_county_until(self.ctx, s))
        share = 0.85 if talk.follow_up_due < today else 0.3
        if s.status not in IN_COUNTY_STATUSES:
            share = 1.0
        if latest > talk.date and rng.random() < share:
            talk.follow_up_done_on = talk.date + days(rng.randint(1, (latest - talk.date).days))


def _share_out(total: int, weights: list[int], rng: random.Random) -> list[int]:
    """``total`` split in proportion to the weights, exactly (largest remainders, ties at random)."""
    whole = sum(weights)
    if total <= 0 or whole == 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (exact[i] - counts[i], rng.random()), reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def build_talks(ctx: BuildContext) -> None:
    """``spec.talks`` talks over the cadres who reported, each with its line on the timeline."""
    rng = ctx.rng("talks")
    maker = _TalkMaker(ctx, rng)
    reported = [s for s in ctx.secondments if s.reported_on is not None]
    fixed = {s.pk: maker.fixed(s) for s in reported}
    windows = {s.pk: maker.routine_window(s) for s in reported}
    weights = [max(0, (windows[s.pk][1] - windows[s.pk][0]).days) for s in reported]
    routine = _share_out(ctx.spec.talks - sum(len(f) for f in fixed.values()), weights, rng)
    for s, count in zip(reported, routine, strict=True):
        for day, kind in fixed[s.pk]:
            maker.talk(s, day, kind)
        first, last = windows[s.pk]
        step = max(0, (last - first).days) / count if count else 0
        for k in range(count):
            kind = TalkKind.REMINDER if rng.random() < REMINDER_SHARE else TalkKind.ROUTINE
            # Evenly spread, the last one close to the end of the window.
            maker.talk(s, first + days(int(step * (k + 1 - rng.uniform(0, 0.3)))), kind)
    insert_rows(Talk, maker.talks)
    insert_rows(SecondmentEvent, maker.events)
    # The last talk's date, as record_talk keeps it.
    latest = Talk.objects.filter(secondment=OuterRef("pk")).order_by("-date").values("date")[:1]
    Secondment.objects.update(last_talk_on=Subquery(latest))


# --- leave -----------------------------------------------------------------------------------------

LEAVE_KINDS = Weighted(
    (
        (LeaveKind.OFFICIAL_TRIP, 25),
        (LeaveKind.PERSONAL, 20),
        (LeaveKind.ANNUAL, 15),
        (LeaveKind.SICK, 14),
        (LeaveKind.FAMILY_VISIT, 16),
        (LeaveKind.HOME_UNIT, 8),
        (LeaveKind.MARRIAGE_FUNERAL, 2),
    )
)
LEAVE_DAYS = Weighted(((1, 20), (2, 20), (3, 15), (4, 10), (5, 8), (6, 5), (7, 7), (10, 8), (15, 7)))


def _leave_label(leave: Leave) -> str:
    return _("%(kind)s, %(start)s to %(end)s (%(days)d days)") % {
        "kind": LeaveKind(leave.kind).label,
        "start": leave.start_date.isoformat(),
        "end": leave.end_date.isoformat(),
        "days": leave.days,
    }


class _LeaveMaker:
    def __init__(self, ctx: BuildContext, rng: random.Random):
        self.ctx = ctx
        self.rng = rng
        self.placements = ctx.placements_by_secondment()
        self.staff = ctx.users["staff"]
        self.events: list[SecondmentEvent] = []

    def window(self, s: Secondment) -> tuple[datetime.date, datetime.date]:
        """Leave falls within the term after reporting; for cadres still here, up to a month ahead."""
        until = s.actual_end if s.actual_end else min(s.term_end, self.ctx.today + days(30))
        return s.reported_on + days(3), until

    def make(self, s: Secondment, start: datetime.date, length: int) -> Leave:
        rng, today = self.rng, self.ctx.today
        kind = LEAVE_KINDS.pick(rng)
        leave = Leave(
            secondment_id=s.pk,
            kind=kind,
            start_date=start,
            end_date=start + days(length - 1),
            days=length,
            reason=rng.choice(corpus.LEAVE_REASONS[kind]),
            approval_tier=approval_tier_for(length),
            requested_by_id=self.staff.pk,
        )
        asked = min(start - days(rng.randint(1, 10)), today)
        requested = _("Leave requested: %(leave)s; to be approved by: %(tier)s")
        tier = ApprovalTier(leave.approval_tier).label
        self._event(s, asked, requested % {"leave": _leave_label(leave), "tier": tier})
        if start > today:
            if rng.random() < 0.6:
                leave.status = LeaveStatus.REQUESTED
                return leave
            self._decide(leave, s, asked, approved=True)
            return leave
        roll = rng.random()
        if roll < 0.04:
            self._decide(leave, s, asked, approved=False)
        elif roll < 0.07:
            leave.status = LeaveStatus.CANCELLED
            leave.decision_note = "工作需要，取消请假。"
            cancelled = _("Leave cancelled: %(leave)s. %(reason)s")
            self._event(s, asked, cancelled % {"leave": _leave_label(leave), "reason": leave.decision_note})
        else:
            self._decide(leave, s, asked, approved=True)
            self._report_back(leave, s)
        return leave

    def _decide(self, leave: Leave, s: Secondment, asked: datetime.date, *, approved: bool) -> None:
        rng = self.rng
        decided = min(asked + days(rng.randint(0, 2)), self.ctx.today)
        leave.status = LeaveStatus.APPROVED if approved else LeaveStatus.REJECTED
        leave.decided_on = decided
        unit = unit_on(self.placements.get(s.pk, []), leave.start_date)
        label = _leave_label(leave)
        if leave.approval_tier == ApprovalTier.SENDING_SIDE or (
            leave.approval_tier == ApprovalTier.RECEIVING_UNIT and unit is None
        ):
            leave.approver_name = f"{s.sending_unit.name}主要负责同志"
            leave.decision_note = "" if approved else "工作任务重，请调整时间。"
            message = (
                _("Leave approved by %(approver)s on %(date)s: %(leave)s. %(note)s")
                if approved
                else _("Leave refused by %(approver)s on %(date)s: %(leave)s. %(note)s")
            )
            note = message % {
                "approver": leave.approver_name,
                "date": decided.isoformat(),
                "leave": label,
                "note": leave.decision_note,
            }
            self._event(s, decided, note)
            return
        approver = (
            self.ctx.leaders[unit.pk] if leave.approval_tier == ApprovalTier.RECEIVING_UNIT else self.staff
        )
        leave.approver_id = approver.pk
        leave.approver_name = _full_name(approver)
        if approved:
            leave.decision_note = rng.choice(["", "同意，返岗后及时销假。"])
            note = _("Leave approved: %(leave)s. %(note)s") % {"leave": label, "note": leave.decision_note}
        else:
            leave.decision_note = "工作任务重，请调整时间。"
            note = _("Leave refused: %(leave)s. %(reason)s") % {"leave": label, "reason": leave.decision_note}
        self._event(s, decided, note, actor=approver)

    def _report_back(self, leave: Leave, s: Secondment) -> None:
        """Back on time for most; late or not back for some (never not back once the term is over)."""
        rng, today = self.rng, self.ctx.today
        due = leave.end_date + days(1)
        roll = rng.random()
        if s.status in IN_COUNTY_STATUSES and (leave.end_date >= today or roll < 0.06):
            return
        back = due + days(rng.randint(1, 7)) if roll < 0.13 else due - days(rng.randint(0, 1))
        back = max(leave.start_date, min(back, today))
        leave.reported_back_on = back
        note = _("Reported back on %(date)s from %(leave)s") % {
            "date": back.isoformat(),
            "leave": _leave_label(leave),
        }
        late = (back - leave.end_date).days - 1
        if late > 0:
            note += _("; %(days)d day(s) late") % {"days": late}
        self._event(s, back, note)

    def _event(self, s: Secondment, day: datetime.date, note: str, actor=None) -> None:
        self.events.append(
            SecondmentEvent(
                secondment_id=s.pk,
                action=EventAction.LEAVE,
                actor_id=(actor or self.staff).pk,
                note=note,
                at=self.ctx.at(day, self.rng),
            )
        )


def _slots(rng: random.Random, first: datetime.date, last: datetime.date, count: int) -> list[tuple]:
    """``count`` leaves that cannot overlap: one in each of ``count`` equal parts of the window."""
    span = (last - first).days
    width = span // count
    found = []
    for k in range(count):
        length = LEAVE_DAYS.pick(rng)
        length = min(length, width)
        if length < 1:
            continue
        start = first + days(k * width + rng.randint(0, width - length))
        found.append((start, length))
    return found


def build_leave(ctx: BuildContext) -> None:
    """``spec.leave`` leave records (a few fewer where a term is too short to hold them)."""
    rng = ctx.rng("leave")
    maker = _LeaveMaker(ctx, rng)
    takers = [
        s
        for s in ctx.secondments
        if s.reported_on is not None and s.status != S.AWAITING_POST and maker.window(s)[1] > s.reported_on
    ]
    spans = [(maker.window(s)[1] - maker.window(s)[0]).days for s in takers]
    chosen: dict[int, int] = {}
    picks = rng.choices(range(len(takers)), weights=[max(1, n) for n in spans], k=ctx.spec.leave)
    for index in picks:
        chosen[index] = chosen.get(index, 0) + 1
    leave: list[Leave] = []
    for index, count in sorted(chosen.items()):
        s = takers[index]
        first, last = maker.window(s)
        mine = [maker.make(s, start, length) for start, length in _slots(rng, first, last, count)]
        leave += mine
    insert_rows(Leave, leave)
    insert_rows(SecondmentEvent, maker.events)
