"""The home page's numbers: each watch's count over the secondments a user sees, and each
receiving unit's open items, in one aggregate query whatever their number (and one for the names of
the units it found)."""

import datetime
import html
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from assignments.choices import IN_COUNTY_STATUSES
from assignments.selectors import secondments_visible_to
from cadres.models import Unit

from .watch import Watch, WatchCount, conditions, watched, watches_for


@dataclass
class UnitRow:
    """One receiving unit's cadres in the county and its open items (None: not yet placed)."""

    unit_id: int | None
    unit_name: str
    cadres: int
    cells: list[tuple[Watch, int]] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {watch.key: count for watch, count in self.cells}

    @property
    def open_items(self) -> int:
        return sum(count for _watch, count in self.cells)

    @property
    def unit_param(self) -> str:
        return str(self.unit_id) if self.unit_id is not None else "none"

    @property
    def cells_html(self) -> SafeString:
        """The row's count cells, each linking to its watch's list for the unit: written here rather
        than in a template loop, which for sixty units and twenty watches costs a third of the page."""
        cells = []
        for watch, count in self.cells:
            if count:
                href = html.escape(f"{watch.url}?unit={self.unit_param}")
                cell = f'<a class="fw-semibold text-danger-emphasis" href="{href}">{count}</a>'
            else:
                cell = '<span class="text-body-secondary">0</span>'
            cells.append(f'<td class="count">{cell}</td>')
        return mark_safe("".join(cells))


def unit_watches(user) -> list[Watch]:
    """The columns of the per-unit table: the neglects the user can have."""
    return [watch for watch in watches_for(user) if watch.neglect]


@dataclass
class Dashboard:
    counts: list[WatchCount]
    rows: list[UnitRow]


def dashboard(user, today: datetime.date | None = None) -> Dashboard:
    """The home page in one grouped query: per receiving unit, its cadres in the county and the count
    of every watch; the totals are the sums of the units'. Every watch is about secondments in the
    county, so the grouping loses none. The unit with most open items comes first."""
    today = today or timezone.localdate()
    found = conditions(user, today)
    every = watches_for(user)
    # Grouped by the unit's key alone (joining its name into the grouping costs more than reading
    # the names of the units found afterwards).
    grouped = (
        secondments_visible_to(user)
        .filter(watched(found))
        .values("current_unit_id")
        .annotate(
            in_county=Count("pk", filter=Q(status__in=IN_COUNTY_STATUSES)),
            **{key: Count("pk", filter=condition) for key, condition in found.items()},
        )
        .order_by()
    )
    grouped = list(grouped)
    names = dict(
        Unit.objects.filter(
            pk__in=[group["current_unit_id"] for group in grouped if group["current_unit_id"]]
        ).values_list("pk", "name")
    )
    columns = [watch for watch in every if watch.neglect]
    rows = []
    totals = dict.fromkeys(found, 0)
    for group in grouped:
        for key in totals:
            totals[key] += group[key]
        if not group["in_county"]:
            # Completed terms are counted only for the feedback letters they wait on; a unit's row is
            # about its cadres in the county.
            continue
        rows.append(
            UnitRow(
                unit_id=group["current_unit_id"],
                unit_name=names.get(group["current_unit_id"], ""),
                cadres=group["in_county"],
                cells=[(watch, group[watch.key]) for watch in columns],
            )
        )
    rows.sort(key=lambda row: (-row.open_items, row.unit_id is None, row.unit_name))
    return Dashboard(counts=[WatchCount(watch, totals[watch.key]) for watch in every], rows=rows)


def unit_rows(user, today: datetime.date | None = None) -> list[UnitRow]:
    """Per receiving unit, its cadres in the county and the count of each neglect (see ``dashboard``)."""
    return dashboard(user, today).rows
