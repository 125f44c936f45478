"""Who sees which secondment and post, and the reads the pages share."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cadres.choices import MembershipRole
from cadres.models import Cadre, Specialty
from guazhi.access import is_org_staff, member_unit_ids, own_cadre_id

from .choices import OPEN_STATUSES, RESERVING_STATUSES, LeaveKind, LeaveStatus, PostStatus, SecondmentStatus
from .matching import CadreFacts, PostFacts, Suggestion, explain, is_economic_unit, score_all
from .models import Assignment, Leave, Post, Secondment, SecondmentEvent


def _member_condition(user) -> Q:
    """The secondments a unit member may see: hosted by their unit or sent by it."""
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    condition = Q(pk__in=[])
    if led:
        condition |= Q(current_unit__in=led)
    if liaised:
        condition |= Q(sending_unit__in=liaised)
    return condition


def secondments_visible_to(user) -> QuerySet[Secondment]:
    """Staff see all; a leader those whose current (or, once ended, last) post is in their
    unit; a liaison those their unit sent; a cadre with their own login their own terms."""
    if is_org_staff(user):
        return Secondment.objects.all()
    if not member_unit_ids(user):
        own = own_cadre_id(user)
        return Secondment.objects.filter(cadre_id=own) if own else Secondment.objects.none()
    return Secondment.objects.filter(_member_condition(user))


def cadres_through_secondments(user) -> Q:
    """Widening registered with cadres: a member sees the cadres of the secondments they see."""
    return Q(pk__in=Secondment.objects.filter(_member_condition(user)).values("cadre_id"))


def posts_visible_to(user) -> QuerySet[Post]:
    """Staff see every post; a leader the posts of their own unit."""
    if is_org_staff(user):
        return Post.objects.all()
    return Post.objects.filter(unit__in=member_unit_ids(user, MembershipRole.LEADER))


def is_leader_of_current_unit(user, secondment: Secondment) -> bool:
    return secondment.current_unit_id in member_unit_ids(user, MembershipRole.LEADER)


def is_liaison_of_sending_unit(user, secondment: Secondment) -> bool:
    return secondment.sending_unit_id in member_unit_ids(user, MembershipRole.LIAISON)


def is_own_secondment(user, secondment: Secondment) -> bool:
    """Whether this is the term of the cadre signed in with their own login."""
    own = own_cadre_id(user)
    return own is not None and secondment.cadre_id == own


def timeline_for(user, secondment: Secondment) -> QuerySet[SecondmentEvent]:
    """The secondment's timeline as the user may read it: staff and the receiving unit's leaders every
    line; the sending unit's liaisons the results only, not the lines about work in progress."""
    events = secondment.events.select_related("actor")
    if is_org_staff(user) or is_leader_of_current_unit(user, secondment):
        return events
    return events.filter(shown_to_sending_unit=True)


def open_assignments() -> QuerySet[Assignment]:
    return Assignment.objects.filter(end_date__isnull=True).select_related("post__unit")


def secondment_list_queryset(user) -> QuerySet[Secondment]:
    return (
        secondments_visible_to(user)
        .select_related("cadre", "sending_unit", "current_unit")
        .prefetch_related(Prefetch("assignments", queryset=open_assignments(), to_attr="open_assignment"))
        .order_by("-term_start", "-id")
    )


def waiting_queryset(user) -> QuerySet[Secondment]:
    """Cadres who reported and wait for a post, longest wait first."""
    return (
        secondments_visible_to(user)
        .filter(status=SecondmentStatus.AWAITING_POST)
        .select_related("cadre", "sending_unit")
        .prefetch_related("cadre__specialties")
        .order_by("reported_on", "id")
    )


def days_waited(secondment: Secondment, today: datetime.date | None = None) -> int:
    if secondment.reported_on is None:
        return 0
    return ((today or timezone.localdate()) - secondment.reported_on).days


def post_list_queryset(user) -> QuerySet[Post]:
    return (
        posts_visible_to(user)
        .select_related("unit")
        .prefetch_related(
            "specialties",
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(end_date__isnull=True).select_related("secondment__cadre"),
                to_attr="open_assignments",
            ),
        )
        .annotate(held=Count("assignments", filter=Q(assignments__end_date__isnull=True)))
        .annotate(reserved=reserved_seats())
        .annotate(free_seats=F("quota") - F("held") - F("reserved"))
        .order_by("unit__name", "title", "id")
    )


def holding_reservations() -> Q:
    """Secondments whose reserved seat still holds today: the cadre is not yet placed, and has
    reported or the reservation's last day has not passed (a lapsed seat is free again)."""
    return Q(status=SecondmentStatus.AWAITING_POST) | Q(
        Q(reserved_until__isnull=True) | Q(reserved_until__gte=timezone.localdate()),
        status__in=RESERVING_STATUSES,
    )


def seats_waiting_past_term_start(today: datetime.date) -> Q:
    """Secondments of accepted nominees not reported by the term start whose seat is still held
    (a lapsed seat is free and no longer waits)."""
    waiting = Q(status=SecondmentStatus.EXPECTED, reserved_post__isnull=False, term_start__lt=today)
    return waiting & ~Q(reserved_until__lt=today)


def reserved_seats() -> Coalesce:
    """An annotation of posts: the seats reserved for cadres not yet placed (按需选派)."""
    reserved = (
        Secondment.objects.filter(holding_reservations(), reserved_post=OuterRef("pk"))
        .order_by()
        .values("reserved_post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(reserved), 0)


def open_posts_with_free_seats() -> QuerySet[Post]:
    return (
        Post.objects.filter(status=PostStatus.OPEN)
        .annotate(held=Count("assignments", filter=Q(assignments__end_date__isnull=True)))
        .annotate(reserved=reserved_seats())
        .filter(quota__gt=F("held") + F("reserved"))
    )


def has_open_secondment(cadre_id: int) -> bool:
    return Secondment.objects.filter(cadre_id=cadre_id, status__in=OPEN_STATUSES).exists()


def with_open_flag(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        has_open=Exists(Secondment.objects.filter(cadre=OuterRef("pk"), status__in=OPEN_STATUSES))
    )


def matching_cadres(secondments: QuerySet[Secondment]) -> list[CadreFacts]:
    """The facts matching needs about each secondment's cadre, read in two queries."""
    rows = list(
        secondments.order_by("reported_on", "id").values_list(
            "pk", "cadre_id", "cadre__name", "cadre__level_bucket", "cadre__wishes", "cadre__home_unit__name"
        )
    )
    skills: dict[int, set[int]] = {}
    through = Cadre.specialties.through.objects.filter(cadre_id__in=secondments.values("cadre_id"))
    for cadre_id, specialty_id in through.values_list("cadre_id", "specialty_id"):
        skills.setdefault(cadre_id, set()).add(specialty_id)
    return [
        CadreFacts(
            secondment_id=pk,
            cadre_id=cadre_id,
            name=name,
            level_bucket=bucket,
            specialty_ids=frozenset(skills.get(cadre_id, ())),
            wishes=wishes,
            home_unit=home_unit,
            economic=is_economic_unit(home_unit),
        )
        for pk, cadre_id, name, bucket, wishes, home_unit in rows
    ]


def matching_posts(posts: QuerySet[Post] | None = None, *, only_free: bool = True) -> list[PostFacts]:
    """Open posts (by default only those with a free seat) with their wanted specialties, in two queries."""
    posts = Post.objects.all() if posts is None else posts
    posts = posts.filter(status=PostStatus.OPEN).annotate(
        held=Count("assignments", filter=Q(assignments__end_date__isnull=True)), reserved=reserved_seats()
    )
    if only_free:
        posts = posts.filter(quota__gt=F("held") + F("reserved"))
    rows = list(
        posts.order_by("unit__name", "title", "id").values_list(
            "pk",
            "unit__name",
            "title",
            "portfolio",
            "expected_level",
            "quota",
            "held",
            "reserved",
            "strong_team",
            "broad_scope",
            "unit_id",
        )
    )
    wanted: dict[int, set[int]] = {}
    through = Post.specialties.through.objects.filter(post_id__in=posts.values("pk"))
    for post_id, specialty_id in through.values_list("post_id", "specialty_id"):
        wanted.setdefault(post_id, set()).add(specialty_id)
    return [
        PostFacts(
            post_id=pk,
            unit=unit,
            title=title,
            portfolio=portfolio,
            expected_level=expected,
            specialty_ids=frozenset(wanted.get(pk, ())),
            free_seats=quota - held - reserved,
            strong_team=strong,
            broad_scope=broad,
            unit_id=unit_id,
        )
        for pk, unit, title, portfolio, expected, quota, held, reserved, strong, broad, unit_id in rows
    ]


def specialty_names() -> dict[int, str]:
    return dict(Specialty.objects.values_list("pk", "name"))


def placement_fit(secondment: Secondment, post: Post) -> Suggestion | None:
    """The score of the secondment's cadre for the post, part by part, and its three tests (三个有利于);
    None for a withdrawn post."""
    cadres = matching_cadres(Secondment.objects.filter(pk=secondment.pk))
    posts = matching_posts(Post.objects.filter(pk=post.pk), only_free=False)
    if not cadres or not posts:
        return None
    return explain(score_all(cadres, posts, specialty_names()), 0, 0)


@dataclass
class Attendance:
    """Days in post and days away for a period, computed from leave.

    The figures add up: ``days == days_in_post + days_away`` and
    ``days_away == sum of the leave rows other than official trips + late_return_days``;
    a day covered by two leaves is counted once.
    """

    start: datetime.date
    end: datetime.date
    days: int
    days_in_post: int
    leave_days_by_kind: dict[str, int]
    days_away: int
    late_return_days: int
    is_over: bool = False

    @property
    def leave_rows(self) -> list[tuple[str, int]]:
        return [(LeaveKind(kind).label, days) for kind, days in self.leave_days_by_kind.items() if days]


def _each_day(first: datetime.date, last: datetime.date, start: datetime.date, end: datetime.date):
    """The days from first to last that fall inside start..end."""
    day, last = max(first, start), min(last, end)
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def count_attendance(
    start: datetime.date, end: datetime.date, leaves, *, today: datetime.date, is_over: bool = False
) -> Attendance:
    """Attendance over start..end from approved leave given as (kind, start, end, reported back on).

    Each day inside the period counts once: a leave day (other than an official trip) or a day
    back late is a day away, and every other day of the period is a day in post. A day covered by
    two leaves counts under the earlier one; an official-trip day is a day in post and is listed
    only when it is not also a day away.
    """
    one_day = datetime.timedelta(days=1)
    days = max(0, (end - start).days + 1)
    leave_kind: dict[datetime.date, str] = {}
    trip_days: set[datetime.date] = set()
    late_days: set[datetime.date] = set()
    for kind, l_start, l_end, back in sorted(leaves, key=lambda leave: (leave[1], leave[2])):
        for day in _each_day(l_start, l_end, start, end):
            if kind == LeaveKind.OFFICIAL_TRIP:
                trip_days.add(day)
            else:
                leave_kind.setdefault(day, kind)
        returned = back or today
        late_days.update(_each_day(l_end + one_day, returned - one_day, start, end))
    late_days -= leave_kind.keys()
    away = len(leave_kind) + len(late_days)
    by_kind = {kind: 0 for kind in LeaveKind.values}
    for kind in leave_kind.values():
        by_kind[kind] += 1
    by_kind[LeaveKind.OFFICIAL_TRIP] = len(trip_days - leave_kind.keys() - late_days)
    return Attendance(
        start=start,
        end=end,
        days=days,
        days_in_post=days - away,
        leave_days_by_kind=by_kind,
        days_away=away,
        late_return_days=len(late_days),
        is_over=is_over,
    )


def attendance(
    secondment: Secondment,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    *,
    leaves: list[tuple] | None = None,
) -> Attendance:
    """Attendance over a period (default: the term so far) in one query, or none when the
    secondment's approved leave (kind, start, end, back) is given (see ``count_attendance``).
    """
    today = timezone.localdate()
    last_day = secondment.actual_end or secondment.term_end
    start = start or secondment.term_start
    end = end or min(last_day, today)
    if end < start:
        end = start - datetime.timedelta(days=1)
    if leaves is None:
        leaves = secondment.leaves.filter(
            status=LeaveStatus.APPROVED, start_date__lte=end, end_date__gte=start
        ).values_list("kind", "start_date", "end_date", "reported_back_on")
    return count_attendance(start, end, leaves, today=today, is_over=end < today or end >= last_day)


def attendances(secondments: list[Secondment]) -> dict[int, Attendance]:
    """Each secondment's attendance over its term so far (see ``attendance``), in one query for all."""
    ids = [secondment.pk for secondment in secondments]
    leaves: dict[int, list[tuple]] = {pk: [] for pk in ids}
    for pk, *leave in Leave.objects.filter(secondment__in=ids, status=LeaveStatus.APPROVED).values_list(
        "secondment_id", "kind", "start_date", "end_date", "reported_back_on"
    ):
        leaves[pk].append(tuple(leave))
    return {secondment.pk: attendance(secondment, leaves=leaves[secondment.pk]) for secondment in secondments}
