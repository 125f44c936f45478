"""Who sees which cycle, need and nomination.

Staff see everything. A sending unit's liaison sees the published needs addressed to their unit and
only their own unit's nominations. A receiving unit's leader reads the needs of their unit (and their
nominations, to compare and comment). Everyone else sees nothing: their pages answer 404.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from assignments.matching import CadreFacts, PostFacts, Suggestion, explain, is_economic_unit, score_all
from assignments.selectors import specialty_names
from cadres.choices import MembershipRole
from cadres.models import Cadre, Unit
from guazhi.access import is_org_staff, member_unit_ids

from .choices import CycleStatus
from .models import Message, Need, Nomination, SelectionCycle, ThreadRead


def _addressed(liaised: frozenset[int], prefix: str = "") -> Q:
    """Cycles published to the liaison's units; once closed they stay readable, with their threads."""
    return Q(**{f"{prefix}status__in": (CycleStatus.PUBLISHED, CycleStatus.CLOSED)}) & (
        Q(**{f"{prefix}addressed_units__in": liaised}) | Q(**{f"{prefix}addressed_units__isnull": True})
    )


def cycles_visible_to(user) -> QuerySet[SelectionCycle]:
    if is_org_staff(user):
        return SelectionCycle.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    condition = Q(pk__in=[])
    if liaised:
        condition |= _addressed(liaised)
    if led:
        condition |= Q(needs__unit__in=led) & ~Q(status=CycleStatus.DRAFT)
    return SelectionCycle.objects.filter(pk__in=SelectionCycle.objects.filter(condition).values("pk"))


def needs_visible_to(user) -> QuerySet[Need]:
    if is_org_staff(user):
        return Need.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    condition = Q(pk__in=[])
    if liaised:
        condition |= Q(cycle__in=SelectionCycle.objects.filter(_addressed(liaised)))
    if led:
        condition |= Q(unit__in=led) & ~Q(cycle__status=CycleStatus.DRAFT)
    return Need.objects.filter(condition)


def nominations_visible_to(user) -> QuerySet[Nomination]:
    if is_org_staff(user):
        return Nomination.objects.all()
    led = member_unit_ids(user, MembershipRole.LEADER)
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    condition = Q(pk__in=[])
    if liaised:
        condition |= Q(sending_unit__in=liaised)
    if led:
        condition |= Q(need__unit__in=led) & ~Q(need__cycle__status=CycleStatus.DRAFT)
    return Nomination.objects.filter(condition)


def liaison_unit_for(user, cycle: SelectionCycle):
    """The unit the user is liaison of that the published cycle is addressed to, or None."""
    liaised = member_unit_ids(user, MembershipRole.LIAISON)
    if not liaised or cycle.status != CycleStatus.PUBLISHED:
        return None
    units = Unit.objects.filter(pk__in=liaised, sends=True).order_by("name")
    addressed = {u.pk for u in cycle.addressed_units.all()}
    return next((unit for unit in units if not addressed or unit.pk in addressed), None)


def nominee_scores(need: Need, nominations: list[Nomination]) -> list[tuple[Nomination, Suggestion]]:
    """Each nominee with the explained match score (specialty, level, 分管工作) for the need, best first."""
    if not nominations:
        return []
    wanted = frozenset(need.specialties.values_list("pk", flat=True))
    post = PostFacts(
        post_id=need.pk,
        unit=need.unit.name,
        title=need.title,
        portfolio=need.duties,
        expected_level=need.level,
        specialty_ids=wanted,
        free_seats=1,
        strong_team=bool(need.post_id and need.post.strong_team),
        broad_scope=need.broad_scope,
        unit_id=need.unit_id,
    )
    skills: dict[int, set[int]] = {}
    through = Cadre.specialties.through.objects.filter(cadre_id__in=[n.cadre_id for n in nominations])
    for cadre_id, specialty_id in through.values_list("cadre_id", "specialty_id"):
        skills.setdefault(cadre_id, set()).add(specialty_id)
    cadres = [
        CadreFacts(
            secondment_id=n.pk,
            cadre_id=n.cadre_id,
            name=n.cadre.name,
            level_bucket=n.cadre.level_bucket,
            specialty_ids=frozenset(skills.get(n.cadre_id, ())),
            wishes=n.cadre.wishes,
            home_unit=n.sending_unit.name,
            economic=is_economic_unit(n.sending_unit.name),
        )
        for n in nominations
    ]
    scores = score_all(cadres, [post], specialty_names())
    scored = [(n, explain(scores, i, 0)) for i, n in enumerate(nominations)]
    return sorted(scored, key=lambda pair: -pair[1].total)


def unread_messages(user) -> QuerySet[Message]:
    """Others' messages on the threads the user reads, written since the user last read each thread."""
    if not user.is_authenticated:
        return Message.objects.none()
    read_later = ThreadRead.objects.filter(
        user=user, nomination=OuterRef("nomination"), read_at__gte=OuterRef("created_at")
    )
    need_read_later = ThreadRead.objects.filter(
        user=user, need=OuterRef("need"), read_at__gte=OuterRef("created_at")
    )
    return (
        Message.objects.filter(
            Q(nomination__in=nominations_visible_to(user)) | Q(need__in=needs_visible_to(user))
        )
        .exclude(author=user)
        .exclude(Exists(read_later))
        .exclude(Exists(need_read_later))
    )


def unread_threads(user) -> list[tuple[Need, int]]:
    """The needs whose nomination threads hold messages the user has not read, with how many, in one
    query (for the dashboard and the reminder digest)."""
    counts = (
        unread_messages(user)
        .annotate(thread_need=Coalesce("need", "nomination__need"))
        .values("thread_need")
        .annotate(n=Count("pk"))
        .order_by("thread_need")
        .values_list("thread_need", "n")
    )
    by_need = dict(counts)
    if not by_need:
        return []
    needs = Need.objects.filter(pk__in=by_need).select_related("unit", "post")
    return [(need, by_need[need.pk]) for need in needs]
