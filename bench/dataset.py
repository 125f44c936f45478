"""The synthetic county the benchmark measures, built with bulk inserts.

Pages are only slow on data the size of the real thing, so this builds a
county far larger than ``seed_demo``: about 60 receiving units (each with a
leader who logs in), 80 sending units, 20,000 cadres with one secondment each
across every status, 2,000 open posts that hold the serving cadres and still
offer free seats to the 500 waiting ones, their assignments and timelines;
then 100,000 talks and a few thousand leave records (``care_data``), and
60,000 appraisals in rounds with the end-of-term reviews (``appraisal_data``).
Random choices come from generators seeded per step, so the data is the same
on every build of a given day (dates are relative to the day of the build,
as the dashboard's "waiting for N days" is).

The build is the tuple ``STEPS``, run in order inside one transaction, each
step a function of a ``BuildContext``. To add more, add its size as an int
field of ``DatasetSpec`` (each then reads ``BENCH_<FIELD>`` from the
environment and enters the marker, so changing it rebuilds), write one step
that bulk-inserts it from what the context holds, and append it to ``STEPS``.
Bump ``BUILDER_VERSION`` whenever the shape of the data changes.
"""

import datetime
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from assignments.choices import IN_COUNTY_STATUSES, EndReason, EventAction
from assignments.models import Secondment, SecondmentEvent
from cadres.choices import MembershipRole, UnitTier
from cadres.models import Cadre, Specialty, Unit, UnitMembership
from guazhi.access import ORG_STAFF_GROUP
from oversight.demo import SPECIALTIES

from . import corpus
from .appraisal_data import build_appraisal_rounds, build_term_reviews
from .care_data import build_leave, build_talks
from .context import (
    ADMIN_USERNAME,
    LEADER_USERNAME,
    STAFF_USERNAME,
    BuildContext,
    DatasetSpec,
    S,
    bulk,
    days,
    insert_rows,
)
from .people import new_cadre, person_name
from .placements import _pick_specialties, build_assignments, build_posts
from .worklog_data import build_projects, build_records

__all__ = ["ADMIN_USERNAME", "LEADER_USERNAME", "STAFF_USERNAME", "STEPS", "DatasetSpec", "build"]


def build_users(ctx: BuildContext) -> None:
    """The personas the benchmark logs in as: a staff officer and a superuser."""
    User = get_user_model()
    staff = User.objects.create_user(STAFF_USERNAME, first_name="干事", last_name="组织部")
    staff.groups.add(Group.objects.get(name=ORG_STAFF_GROUP))
    admin = User.objects.create_superuser(ADMIN_USERNAME, email="", first_name="管理员", last_name="系统")
    ctx.users = {"staff": staff, "admin": admin}


def build_leaders(ctx: BuildContext) -> None:
    """A leader for every receiving unit; the one of the unit hosting most cadres is the persona
    ``leader``, whose dashboard and queue are the largest a unit member sees."""
    rng = ctx.rng("leaders")
    hosted = Counter(s.current_unit_id for s in ctx.secondments if s.status in IN_COUNTY_STATUSES)
    busiest = max(ctx.receiving, key=lambda unit: (hosted[unit.pk], -unit.pk))
    User = get_user_model()
    users = []
    for index, unit in enumerate(ctx.receiving):
        name = person_name(rng, rng.random() < 0.8)
        username = LEADER_USERNAME if unit is busiest else f"{LEADER_USERNAME}_{index:02d}"
        users.append(User(username=username, first_name=name[1:], last_name=name[0], password="!"))
    users = bulk(User, users)
    insert_rows(
        UnitMembership,
        [
            UnitMembership(user=user, unit=unit, role=MembershipRole.LEADER)
            for user, unit in zip(users, ctx.receiving, strict=True)
        ],
    )
    ctx.leaders = {unit.pk: user for user, unit in zip(users, ctx.receiving, strict=True)}
    ctx.users["leader"] = ctx.leaders[busiest.pk]


def build_units(ctx: BuildContext) -> None:
    receiving = [Unit(name=n, tier=UnitTier.COUNTY, receives=True) for n in corpus.COUNTY_DEPARTMENTS]
    receiving += [Unit(name=n, tier=UnitTier.TOWNSHIP, receives=True) for n in corpus.TOWNSHIPS]
    sending = [
        *[(n, UnitTier.PROVINCIAL) for n in corpus.PROVINCIAL_UNITS],
        *[(n, UnitTier.MUNICIPAL) for n in corpus.MUNICIPAL_UNITS],
        *corpus.OTHER_SENDING_UNITS,
    ]
    sending_units = [
        Unit(
            name=n,
            tier=t,
            sends=True,
            contact_name="联络员",
            contact_phone=f"0731-8{i:03d}{i * 37 % 10000:04d}",
        )
        for i, (n, t) in enumerate(sending)
    ]
    ctx.receiving = bulk(Unit, receiving)
    ctx.sending = bulk(Unit, sending_units)


def build_specialties(ctx: BuildContext) -> None:
    ctx.specialties = {s.name: s for s in bulk(Specialty, [Specialty(name=n) for n in SPECIALTIES])}


def build_cadres(ctx: BuildContext) -> None:
    """Cadres with valid ID numbers, pinyin keys and one to three specialties each."""
    rng = ctx.rng("cadres")
    taken: set[str] = set()
    pinyin: dict[str, tuple[str, str]] = {}
    cadres = [new_cadre(rng, ctx.sending, ctx.today, taken, pinyin) for _ in range(ctx.spec.cadres)]
    skills = [_pick_specialties(rng, ctx, c.home_unit.name, rng.choice((1, 1, 2, 2, 2, 3))) for c in cadres]
    for cadre, chosen in zip(cadres, skills, strict=True):
        cadre.wishes = f"希望到能发挥{'、'.join(s.name for s in chosen)}专长的岗位，多接触基层实际工作。"
    ctx.cadres = bulk(Cadre, cadres)
    Through = Cadre.specialties.through
    insert_rows(
        Through,
        [
            Through(cadre_id=c.pk, specialty_id=s.pk)
            for c, chosen in zip(ctx.cadres, skills, strict=True)
            for s in chosen
        ],
    )


def _term(rng: random.Random, status: str, today: datetime.date) -> dict:
    """Dates that agree with the status: who has reported, who has ended, and when."""
    length = 365 * rng.choice((1, 1, 1, 2, 2))
    if status == S.EXPECTED:
        start = today + days(rng.randint(3, 60))
        return {"term_start": start, "term_end": start + days(length)}
    if status == S.AWAITING_POST:
        reported = today - days(rng.randint(0, 60))
        start = reported - days(rng.randint(0, 5))
        return {"term_start": start, "term_end": start + days(length), "reported_on": reported}
    if status == S.IN_POST:
        start = today - days(rng.randint(25, length - 31))
    elif status == S.UNDER_REVIEW:
        start = today + days(rng.randint(-30, 20)) - days(length)
    elif status == S.COMPLETED:
        start = today - days(rng.randint(40, 1500)) - days(length)
    else:
        start = today - days(rng.randint(60, 1200))
    end = start + days(length)
    dates = {"term_start": start, "term_end": end, "reported_on": start + days(rng.randint(0, 5))}
    if status == S.COMPLETED:
        dates["actual_end"] = end
    elif status == S.ENDED_EARLY:
        latest = min(end, today) - dates["reported_on"]
        dates["actual_end"] = dates["reported_on"] + days(rng.randint(5, max(5, latest.days - 1)))
    return dates


def _batch(start: datetime.date, unit: Unit) -> str:
    kind = {UnitTier.PROVINCIAL: "省派", UnitTier.MUNICIPAL: "市派"}.get(unit.tier, "单位选派")
    return f"{start.year}年{kind}第{1 if start.month < 7 else 2}批"


def _care(rng: random.Random, status: str, dates: dict, today: datetime.date) -> dict:
    """Mentor and training plan for those who reported, with some left missing on purpose."""
    reported = dates.get("reported_on")
    if reported is None or (status == S.AWAITING_POST and rng.random() < 0.7):
        return {}
    care = {}
    named = reported + days(rng.randint(1, 40))
    if rng.random() < 0.85 and named <= today:
        care["mentor"] = f"{rng.choice(corpus.COUNTY_LEADERS)} {person_name(rng, rng.random() < 0.8)}"
        care["mentor_named_on"] = named
    filed = reported + days(rng.randint(5, 45))
    if rng.random() < 0.8 and filed <= today:
        care["training_plan"] = corpus.TRAINING_PLAN
        care["training_plan_filed_on"] = filed
    return care


def _secondment(rng: random.Random, ctx: BuildContext, cadre: Cadre, status: str) -> Secondment:
    dates = _term(rng, status, ctx.today)
    extra = _care(rng, status, dates, ctx.today)
    if status == S.COMPLETED:
        extra["end_reason"] = EndReason.RETAINED if rng.random() < 0.08 else EndReason.TERM_COMPLETED
    elif status == S.ENDED_EARLY:
        extra["end_reason"] = EndReason.ENDED_EARLY
        extra["end_note"] = rng.choice(corpus.END_EARLY_NOTES)
    return Secondment(
        cadre=cadre,
        sending_unit=cadre.home_unit,
        batch=_batch(dates["term_start"], cadre.home_unit),
        appointment_document=f"湘组干〔{dates['term_start'].year}〕{rng.randint(1, 150)}号",
        sending_unit_recommendations=corpus.RECOMMENDATIONS if rng.random() < 0.5 else "",
        status=status,
        **dates,
        **extra,
    )


def plan_secondments(ctx: BuildContext) -> None:
    """One secondment per cadre, statuses shuffled over the cadres; written after the posts."""
    rng = ctx.rng("secondments")
    statuses = [status for status, count in ctx.spec.status_counts().items() for _ in range(count)]
    rng.shuffle(statuses)
    ctx.secondments = [_secondment(rng, ctx, c, s) for c, s in zip(ctx.cadres, statuses, strict=True)]


def build_secondments(ctx: BuildContext) -> None:
    """Write the secondments, each hosted by the unit of its open (or last) post."""
    for placement in sorted(ctx.placements, key=lambda p: p.end or datetime.date.max):
        placement.secondment.current_unit = placement.post.unit
    ctx.secondments = bulk(Secondment, ctx.secondments)


def _timeline(ctx: BuildContext, s: Secondment, starts: list[datetime.date]) -> list[tuple]:
    """(day, action, from, to, note) for the steps this secondment has been through."""
    steps = [(min(s.term_start - days(30), ctx.today), EventAction.REGISTER, "", S.EXPECTED, "")]
    if s.reported_on is None:
        return steps
    steps.append((s.reported_on, EventAction.REPORT, S.EXPECTED, S.AWAITING_POST, ""))
    if starts:
        steps.append((starts[0], EventAction.ASSIGN, S.AWAITING_POST, S.IN_POST, ""))
    steps += [(d, EventAction.REASSIGN, S.IN_POST, S.IN_POST, "") for d in starts[1:]]
    if s.mentor_named_on:
        steps.append((s.mentor_named_on, EventAction.MENTOR, "", "", s.mentor))
    if s.training_plan_filed_on:
        steps.append((s.training_plan_filed_on, EventAction.TRAINING_PLAN, "", "", ""))
    if s.status in (S.UNDER_REVIEW, S.COMPLETED):
        review = min(s.term_end - days(20), ctx.today)
        steps.append((review, EventAction.START_REVIEW, S.IN_POST, S.UNDER_REVIEW, ""))
    if s.status == S.COMPLETED:
        steps.append((s.actual_end, EventAction.ARCHIVE, S.UNDER_REVIEW, S.COMPLETED, ""))
    if s.status == S.ENDED_EARLY:
        before = S.IN_POST if starts else S.AWAITING_POST
        steps.append((s.actual_end, EventAction.END_EARLY, before, S.ENDED_EARLY, s.end_note))
    return steps


def build_events(ctx: BuildContext) -> None:
    """A timeline for each secondment, from registration to where it stands today."""
    rng = ctx.rng("events")
    starts: dict[int, list[datetime.date]] = defaultdict(list)
    for placement in ctx.placements:
        starts[placement.secondment.pk].append(placement.start)
    staff = ctx.users["staff"]
    events = [
        SecondmentEvent(
            secondment_id=s.pk,
            action=action,
            from_status=before,
            to_status=after,
            note=note,
            actor_id=staff.pk,
            at=ctx.at(day, rng),
        )
        for s in ctx.secondments
        for day, action, before, after, note in _timeline(ctx, s, sorted(starts[s.pk]))
    ]
    insert_rows(SecondmentEvent, events)


Step = Callable[[BuildContext], None]


STEPS: tuple[Step, ...] = (
    build_users,
    build_units,
    build_specialties,
    build_cadres,
    plan_secondments,
    build_posts,
    build_secondments,
    build_assignments,
    build_events,
    build_leaders,
    build_talks,
    build_leave,
    build_records,
    build_projects,
    build_appraisal_rounds,
    build_term_reviews,
)


def build(spec: DatasetSpec, progress: Callable[[str], None]) -> BuildContext:
    """Run every step in order; the caller holds the transaction."""
    ctx = BuildContext(spec=spec, today=timezone.localdate())
    for step in STEPS:
        started = time.perf_counter()
        step(ctx)
        progress(f"  {step.__name__}: {time.perf_counter() - started:.1f} s")
    return ctx
