"""What the county's summary reports of selection before arrival (按需选派), and what staff are warned of."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from assignments.models import Secondment
from guazhi.access import is_org_staff

from .choices import CycleStatus, NominationStatus
from .models import Need, Nomination

# A need with no nominee this many days before its cycle's deadline; a nomination waiting this long.
NO_NOMINEE_DAYS_BEFORE_DEADLINE = 7
DECISION_WAIT_DAYS = 10


@dataclass
class SelectionFigures:
    """Seats asked for in published cycles, seats filled, and the arrivals that came through a need."""

    seats: int = 0
    filled: int = 0
    arrivals: int = 0
    arrivals_through_needs: int = 0
    # (unit, seats, filled) and (specialty, seats, filled), by name.
    by_unit: list[tuple[str, int, int]] = field(default_factory=list)
    by_specialty: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def unfilled(self) -> int:
        return self.seats - self.filled

    @property
    def rate(self) -> float | None:
        """需求满足率: the share of arrivals that came through a need."""
        return self.arrivals_through_needs / self.arrivals if self.arrivals else None


def selection_figures(received: QuerySet[Secondment] | None = None) -> SelectionFigures:
    """The figures over every published or closed cycle; the arrivals among ``received`` (all when None)."""
    needs = list(
        Need.objects.exclude(cycle__status=CycleStatus.DRAFT)
        .annotate(n_accepted=Count("nominations", filter=Q(nominations__status=NominationStatus.ACCEPTED)))
        .values_list("pk", "unit__name", "count", "n_accepted")
    )
    figures = SelectionFigures()
    units: dict[str, list[int]] = {}
    filled_by_need = {}
    for pk, unit, count, accepted in needs:
        filled = min(count, accepted)
        filled_by_need[pk] = (count, filled)
        figures.seats += count
        figures.filled += filled
        units.setdefault(unit, [0, 0])
        units[unit][0] += count
        units[unit][1] += filled
    specialties: dict[str, list[int]] = {}
    through = Need.specialties.through.objects.filter(need_id__in=filled_by_need)
    for need_id, name in through.values_list("need_id", "specialty__name"):
        count, filled = filled_by_need[need_id]
        specialties.setdefault(name, [0, 0])
        specialties[name][0] += count
        specialties[name][1] += filled
    figures.by_unit = [(name, *units[name]) for name in sorted(units)]
    figures.by_specialty = [(name, *specialties[name]) for name in sorted(specialties)]
    arrivals = Secondment.objects.all() if received is None else Secondment.objects.filter(pk__in=received)
    arrivals = arrivals.filter(reported_on__isnull=False)
    totals = arrivals.aggregate(
        all=Count("pk"), through=Count("pk", filter=Q(nomination__status=NominationStatus.ACCEPTED))
    )
    figures.arrivals, figures.arrivals_through_needs = totals["all"], totals["through"]
    return figures


def needs_without_nominee(today: datetime.date) -> QuerySet[Need]:
    """Needs of published cycles due within a week that nobody has been put forward for."""
    return (
        Need.objects.filter(
            cycle__status=CycleStatus.PUBLISHED,
            cycle__deadline__lte=today + datetime.timedelta(days=NO_NOMINEE_DAYS_BEFORE_DEADLINE),
        )
        .exclude(nominations__status__in=(NominationStatus.PROPOSED, NominationStatus.ACCEPTED))
        .select_related("cycle", "unit", "post")
    )


def nominations_waiting(today: datetime.date) -> QuerySet[Nomination]:
    """Nominations waiting for the county's decision over ten days."""
    return Nomination.objects.filter(
        status=NominationStatus.PROPOSED,
        created_at__date__lt=today - datetime.timedelta(days=DECISION_WAIT_DAYS),
    ).select_related("cadre", "need__unit", "need__post", "sending_unit")


@dataclass
class SelectionAlerts:
    needs_without_nominee: list[Need]
    nominations_waiting: list[Nomination]

    def __bool__(self) -> bool:
        return bool(self.needs_without_nominee or self.nominations_waiting)


def selection_alerts(user, today: datetime.date) -> SelectionAlerts | None:
    """For staff: the needs nobody was put forward for a week before the deadline, and the nominations
    waiting for a decision over ten days (two queries); None for everyone else."""
    if not is_org_staff(user):
        return None
    return SelectionAlerts(list(needs_without_nominee(today)[:50]), list(nominations_waiting(today)[:50]))
