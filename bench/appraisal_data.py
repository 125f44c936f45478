"""Appraisal rounds, their appraisals and the end-of-term reviews of the synthetic county.

Rounds are what a county runs: a quarterly routine appraisal (平时考核) and
an annual one (年度考核), newest first, each holding one appraisal for every
cadre in a post on the day it was opened, filed for the unit of that post.
The current year's annual round is open, with appraisals pending, submitted,
returned and confirmed; the others are closed, nearly all confirmed. Going
back in time the rounds stop when ``DatasetSpec.appraisals`` is reached, so
the oldest round covers only some units (as a round opened for a subset
does). Every cadre under review or whose term is complete has an
end-of-term review with its own appraisal (counted in the same total): the
completed ones archived, the others at every step. Grades lean to 称职,
with a share of 优秀 that differs by unit, so that some rounds warn.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils.translation import gettext as _

from assignments.choices import EventAction
from assignments.models import Secondment, SecondmentEvent
from cadres.models import Unit
from evaluations.choices import ASPECTS, AppraisalStatus, Grade, Rating, ReviewStatus, RoundKind, RoundStatus
from evaluations.models import Appraisal, AppraisalRound, TermReview
from evaluations.selectors import attendance_snapshot

from . import corpus
from .context import BuildContext, S, Weighted, bulk, days, insert_rows

A = AppraisalStatus
R = ReviewStatus

RATINGS = {
    Grade.EXCELLENT: Weighted(((Rating.GOOD, 85), (Rating.FAIRLY_GOOD, 15))),
    Grade.COMPETENT: Weighted(((Rating.GOOD, 40), (Rating.FAIRLY_GOOD, 55), (Rating.AVERAGE, 5))),
    Grade.BASICALLY_COMPETENT: Weighted(((Rating.FAIRLY_GOOD, 30), (Rating.AVERAGE, 65), (Rating.POOR, 5))),
    Grade.INCOMPETENT: Weighted(((Rating.AVERAGE, 50), (Rating.POOR, 50))),
    Grade.UNGRADED: Weighted(((Rating.FAIRLY_GOOD, 50), (Rating.AVERAGE, 50))),
}
# Status of an appraisal in the open round, and in a closed one.
OPEN_MIX = Weighted(((A.PENDING, 45), (A.SUBMITTED, 20), (A.RETURNED, 5), (A.CONFIRMED, 30)))
CLOSED_MIX = Weighted(((A.PENDING, 3), (A.SUBMITTED, 1), (A.CONFIRMED, 96)))


@dataclass
class RoundPlan:
    title: str
    kind: str
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date
    opened_on: datetime.date


def round_plans(today: datetime.date, years: int = 12) -> list[RoundPlan]:
    """Every round the county would have run by today, newest first."""
    plans = []
    for year in range(today.year, today.year - years, -1):
        annual = RoundPlan(
            f"{year}年度考核",
            RoundKind.ANNUAL,
            datetime.date(year, 1, 1),
            datetime.date(year, 12, 31),
            datetime.date(year + 1, 1, 20),
            datetime.date(year, 12, 1),
        )
        if annual.opened_on > today and today.month >= 11:
            # Late in the year the annual round is already open.
            annual.opened_on = today - days(3)
        candidates = [annual]
        for quarter in (4, 3, 2, 1):
            start = datetime.date(year, 3 * quarter - 2, 1)
            end = (
                datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
            ) - days(1)
            title = f"{year}年第{quarter}季度平时考核"
            candidates.append(RoundPlan(title, RoundKind.ROUTINE, start, end, end + days(20), end - days(10)))
        plans += [plan for plan in candidates if plan.opened_on <= today]
    return plans


# A routine (平时) appraisal is graded in its own terms: 好 / 较好 / 一般 / 较差.
ROUTINE_GRADE = {
    Grade.EXCELLENT: Grade.GOOD,
    Grade.COMPETENT: Grade.FAIRLY_GOOD,
    Grade.BASICALLY_COMPETENT: Grade.AVERAGE,
    Grade.INCOMPETENT: Grade.POOR,
    Grade.UNGRADED: Grade.FAIRLY_GOOD,
}


def _in_its_terms(appraisal: Appraisal) -> None:
    if appraisal.kind == RoundKind.ROUTINE:
        appraisal.grade, appraisal.ungraded_reason = ROUTINE_GRADE.get(appraisal.grade, appraisal.grade), ""


def _filled(rng: random.Random, appraisal: Appraisal, excellent_rate: float) -> None:
    """A complete appraisal as a unit leader writes it."""
    roll = rng.random()
    if roll < excellent_rate:
        grade = Grade.EXCELLENT
    elif roll < 0.955:
        grade = Grade.COMPETENT
    elif roll < 0.99:
        grade = Grade.BASICALLY_COMPETENT
    elif roll < 0.995:
        grade = Grade.INCOMPETENT
    else:
        grade = Grade.UNGRADED
    appraisal.grade = grade
    for aspect in ASPECTS:
        setattr(appraisal, aspect, RATINGS[grade].pick(rng))
    appraisal.morality = appraisal.integrity = (
        Rating.GOOD if grade != Grade.INCOMPETENT else Rating.FAIRLY_GOOD
    )
    appraisal.ungraded_reason = corpus.UNGRADED_REASON if grade == Grade.UNGRADED else ""
    appraisal.strengths = rng.choice(corpus.APPRAISAL_STRENGTHS[grade])
    appraisal.weaknesses = rng.choice(corpus.APPRAISAL_WEAKNESSES)
    appraisal.hopes = rng.choice(corpus.APPRAISAL_HOPES)
    _in_its_terms(appraisal)


def _moment(
    ctx: BuildContext, rng: random.Random, first: datetime.date, last: datetime.date
) -> datetime.datetime:
    last = min(last, ctx.today)
    first = min(first, last)
    return ctx.at(first + days(rng.randint(0, (last - first).days)), rng)


class _Filer:
    """Files, returns and confirms appraisals, writing the lines the services would write."""

    def __init__(self, ctx: BuildContext, rng: random.Random):
        self.ctx = ctx
        self.rng = rng
        self.staff = ctx.users["staff"]
        self.events: list[SecondmentEvent] = []
        self.excellent_rate = {unit.pk: rng.uniform(0.08, 0.28) for unit in ctx.receiving}
        # Translated once: tens of thousands of lines share them.
        self.filed = _("%(title)s: filed by %(unit)s.")
        self.returned = _("%(title)s: returned to %(unit)s to be revised.")
        self.confirmed = _("%(title)s: confirmed by the organization department.")
        self.confirmed_ending = self.confirmed % {"title": ""}
        self.opened = _("%(round)s: the receiving unit files the appraisal by %(date)s.")

    def event(
        self, s: Secondment, at: datetime.datetime, note: str, *, actor=None, action=EventAction.APPRAISAL
    ):
        # Keys rather than objects: the related-object setters cost more than the rest of the row.
        actor_id = (actor or self.staff).pk
        # An appraisal's lines before its confirmation are not the sending unit's to read.
        shown = action != EventAction.APPRAISAL or note.endswith(self.confirmed_ending)
        self.events.append(
            SecondmentEvent(
                secondment_id=s.pk,
                action=action,
                actor_id=actor_id,
                note=note,
                at=at,
                shown_to_sending_unit=shown,
            )
        )

    def settle(
        self,
        appraisal: Appraisal,
        s: Secondment,
        unit: Unit,
        status: str,
        title: str,
        first: datetime.date,
        last: datetime.date,
        *,
        review_action: bool = False,
    ) -> None:
        """Bring the pending appraisal of ``s`` for ``unit`` to ``status``, filed between ``first`` and ``last``."""
        if status == A.PENDING:
            return
        rng = self.rng
        _filled(rng, appraisal, self.excellent_rate[unit.pk])
        leader = self.ctx.leaders[unit.pk]
        appraisal.status = status
        appraisal.filed_by_id = leader.pk
        appraisal.filed_at = _moment(self.ctx, rng, first, last)
        self.event(s, appraisal.filed_at, self.filed % {"title": title, "unit": unit.name}, actor=leader)
        if status == A.SUBMITTED:
            return
        filed_on = appraisal.filed_at.date()
        appraisal.reviewed_by_id = self.staff.pk
        appraisal.reviewed_at = _moment(self.ctx, rng, filed_on + days(1), filed_on + days(7))
        if status == A.RETURNED:
            appraisal.grade = Grade.EXCELLENT
            _in_its_terms(appraisal)
            appraisal.return_reason = corpus.RETURN_REASON
            self.event(s, appraisal.reviewed_at, self.returned % {"title": title, "unit": unit.name})
            return
        note = self.confirmed % {"title": title}
        self.event(
            s,
            appraisal.reviewed_at,
            note,
            action=EventAction.REVIEW if review_action else EventAction.APPRAISAL,
        )


def _reviewed_terms(ctx: BuildContext) -> list[Secondment]:
    return [s for s in ctx.secondments if s.status in (S.UNDER_REVIEW, S.COMPLETED) and s.current_unit_id]


def build_appraisal_rounds(ctx: BuildContext) -> None:
    """Rounds, newest first, until the appraisals (with the reviews' own) reach ``spec.appraisals``."""
    rng = ctx.rng("appraisal_rounds")
    filer = _Filer(ctx, rng)
    staff = ctx.users["staff"]
    budget = ctx.spec.appraisals - len(_reviewed_terms(ctx))
    unit_order = {unit.pk: rng.random() for unit in ctx.receiving}
    plans, held = [], []
    for plan in round_plans(ctx.today):
        if budget <= 0:
            break
        # One placement per cadre: on the day of a move, the new post.
        holding = {
            p.secondment.pk: p
            for p in sorted(ctx.placements, key=lambda p: p.start)
            if p.start <= plan.opened_on <= (p.end or ctx.today)
        }
        if not holding:
            continue
        holders = list(holding.values())
        rng.shuffle(holders)
        # Unit by unit in a random order, so that a round cut short covers whole units.
        holders.sort(key=lambda p: unit_order[p.post.unit.pk])
        plans.append(plan)
        held.append(holders[:budget])
        budget -= len(held[-1])
    rounds = [
        AppraisalRound(
            title=plan.title,
            kind=plan.kind,
            period_start=plan.period_start,
            period_end=plan.period_end,
            due_date=plan.due_date,
            status=RoundStatus.OPEN if plan.due_date >= ctx.today else RoundStatus.CLOSED,
            note="由接收单位领导填报，组织部审核确认。",
            opened_by=staff,
            closed_by=None if plan.due_date >= ctx.today else staff,
            closed_at=None if plan.due_date >= ctx.today else ctx.at(plan.due_date + days(5), rng),
        )
        for plan in plans
    ]
    rounds = bulk(AppraisalRound, rounds)
    appraisals = []
    for appraisal_round, plan, holders in zip(rounds, plans, held, strict=True):
        mix = OPEN_MIX if appraisal_round.status == RoundStatus.OPEN else CLOSED_MIX
        opened = ctx.at(plan.opened_on, rng)
        note = filer.opened % {"round": plan.title, "date": plan.due_date.isoformat()}
        for placement in holders:
            s, unit = placement.secondment, placement.post.unit
            appraisal = Appraisal(
                secondment_id=s.pk,
                round_id=appraisal_round.pk,
                kind=plan.kind,
                unit_id=unit.pk,
                due_date=plan.due_date,
            )
            filer.event(s, opened, note)
            filer.settle(
                appraisal, s, unit, mix.pick(rng), plan.title, plan.opened_on, plan.due_date - days(1)
            )
            appraisals.append(appraisal)
    insert_rows(Appraisal, appraisals)
    insert_rows(SecondmentEvent, filer.events)
    for appraisal_round, plan in zip(rounds, plans, strict=True):
        # opened_at is set on insert; the round was opened on its day, not on the day of the build.
        AppraisalRound.objects.filter(pk=appraisal_round.pk).update(opened_at=ctx.at(plan.opened_on, rng))


# --- end-of-term reviews ---------------------------------------------------------------------------

UNDER_REVIEW_MIX = Weighted(((R.COLLECTING, 45), (R.APPRAISED, 25), (R.REVIEWED, 15), (R.FED_BACK, 15)))
COLLECTING_APPRAISAL_MIX = Weighted(((A.PENDING, 60), (A.SUBMITTED, 28), (A.RETURNED, 12)))
STEP = {R.COLLECTING: 0, R.APPRAISED: 1, R.REVIEWED: 2, R.FED_BACK: 3, R.ARCHIVED: 4}


def _votes(rng: random.Random, grade: str) -> tuple[int, dict[str, int]]:
    """A democratic rating leaning to the final grade, adding up to the raters."""
    raters = rng.randint(15, 45)
    excellent_share = {Grade.EXCELLENT: 0.6, Grade.COMPETENT: 0.3}.get(grade, 0.05)
    excellent = round(raters * rng.uniform(excellent_share - 0.1, excellent_share + 0.1))
    basic = rng.randint(0, 2) if grade in (Grade.EXCELLENT, Grade.COMPETENT) else rng.randint(3, 8)
    incompetent = 0 if grade != Grade.INCOMPETENT else rng.randint(5, 10)
    excellent = max(0, min(excellent, raters - basic - incompetent))
    competent = raters - excellent - basic - incompetent
    if competent < 0:
        basic, competent = basic + competent, 0
    return raters, {
        "excellent": excellent,
        "competent": competent,
        "basic": basic,
        "incompetent": incompetent,
    }


class _Reviewer:
    def __init__(self, ctx: BuildContext, rng: random.Random, filer: _Filer):
        self.ctx = ctx
        self.rng = rng
        self.filer = filer
        self.staff = ctx.users["staff"]

    def review(self, s: Secondment, status: str) -> tuple[Appraisal, TermReview]:
        rng, today = self.rng, self.ctx.today
        started = min(s.term_end - days(20), today)
        last = min(s.actual_end or today, today)
        unit: Unit = s.current_unit
        appraisal = Appraisal(
            secondment=s, kind=RoundKind.TERM_END, unit=unit, due_date=max(s.term_end, started + days(14))
        )
        review = TermReview(secondment=s, appraisal=appraisal, status=status, started_by=self.staff)
        step = STEP[status]
        note = _("The review file is open; %(unit)s files the end-of-term appraisal by %(date)s.") % {
            "unit": unit.name,
            "date": appraisal.due_date.isoformat(),
        }
        self._event(s, started, note)
        if step >= 1 or rng.random() < 0.5:
            review.self_summary = corpus.SELF_SUMMARY
            review.self_summary_on = self._day(started, 1, 6, last)
            self._event(s, review.self_summary_on, _("The self-summary is on file."))
        title = str(RoundKind.TERM_END.label)
        filing = A.CONFIRMED if step >= 1 else COLLECTING_APPRAISAL_MIX.pick(rng)
        self.filer.settle(
            appraisal, s, unit, filing, title, started + days(4), started + days(10), review_action=True
        )
        grade = appraisal.grade if appraisal.grade in (Grade.EXCELLENT, Grade.COMPETENT) else Grade.COMPETENT
        if step >= 1 or rng.random() < 0.35:
            raters, votes = _votes(rng, grade)
            review.raters = raters
            review.votes_excellent = votes["excellent"]
            review.votes_competent = votes["competent"]
            review.votes_basically_competent = votes["basic"]
            review.votes_incompetent = votes["incompetent"]
            review.rated_on = self._day(started, 2, 8, last)
            note = _("The democratic rating is recorded: %(raters)d raters.") % {"raters": raters}
            self._event(s, review.rated_on, note)
        if step >= 2:
            if review.self_summary == "":
                review.self_summary, review.self_summary_on = (
                    corpus.SELF_SUMMARY,
                    self._day(started, 1, 6, last),
                )
            review.org_opinion = corpus.ORG_OPINION
            review.final_grade = grade
            review.reviewed_by = self.staff
            review.reviewed_on = self._day(started, 12, 15, last)
            self._event(
                s,
                review.reviewed_on,
                _("The organization department has given its opinion and the final grade."),
            )
        if step >= 3:
            review.fed_back_on = self._day(started, 16, 18, last)
            note = _("The result was fed back to %(unit)s on %(date)s.") % {
                "unit": s.sending_unit.name,
                "date": review.fed_back_on.isoformat(),
            }
            self._event(s, review.fed_back_on, note)
        if step >= 4:
            review.archived_on = last
        return appraisal, review

    def _day(self, started: datetime.date, low: int, high: int, last: datetime.date) -> datetime.date:
        return min(started + days(self.rng.randint(low, high)), last)

    def _event(self, s: Secondment, day: datetime.date, note: str) -> None:
        self.filer.event(s, self.ctx.at(day, self.rng), note, action=EventAction.REVIEW)


def build_term_reviews(ctx: BuildContext) -> None:
    """A review for every term under review (at every step) or complete (archived, with its attendance)."""
    rng = ctx.rng("term_reviews")
    filer = _Filer(ctx, rng)
    reviewer = _Reviewer(ctx, rng, filer)
    made = [
        reviewer.review(s, R.ARCHIVED if s.status == S.COMPLETED else UNDER_REVIEW_MIX.pick(rng))
        for s in _reviewed_terms(ctx)
    ]
    bulk(Appraisal, [appraisal for appraisal, _review in made])
    reviews = []
    for appraisal, review in made:
        review.appraisal = appraisal
        if review.status == R.ARCHIVED:
            # As archive_review keeps it: the term's attendance, read through the same function.
            review.attendance_snapshot = attendance_snapshot(review.secondment)
        reviews.append(review)
    insert_rows(TermReview, reviews)
    insert_rows(SecondmentEvent, filer.events)
