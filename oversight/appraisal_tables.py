"""The appraisal tables of the county summary (registered with oversight.summary)."""

import datetime
from collections import defaultdict

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from evaluations.choices import AppraisalStatus, Grade
from evaluations.models import Appraisal, AppraisalRound

from .summary import Table


def grades_by_round(user, received: QuerySet | None, since: int) -> list[Table]:
    """Confirmed grades per round, for the secondments the summary counts (the primary keys
    given; None for every secondment), in two queries.

    Counting by round and grade reads the index on (status, round, grade) in its
    own order; the round titles are then looked up for the few rounds found.
    """
    counts: dict[int | None, dict[str, int]] = defaultdict(dict)
    confirmed = Appraisal.objects.filter(status=AppraisalStatus.CONFIRMED)
    if received is not None:
        confirmed = confirmed.filter(secondment__in=received)
    for round_id, grade, n in confirmed.values_list("round_id", "grade").annotate(n=Count("pk")).order_by():
        counts[round_id][grade] = n
    rounds = AppraisalRound.objects.in_bulk([pk for pk in counts if pk is not None])

    def in_order(pk: int | None) -> tuple:
        # By period and title; the end-of-term appraisals that no round gathered come last.
        if pk is None:
            return (1, datetime.date.max, "")
        return (0, rounds[pk].period_start, rounds[pk].title)

    order = sorted(counts, key=in_order)
    rows = [
        [
            rounds[pk].title if pk is not None else _("End-of-term appraisals outside a round"),
            sum(counts[pk].values()),
            *(counts[pk].get(g, 0) for g in Grade.values),
        ]
        for pk in order
    ]
    labels = [str(label) for label in Grade.labels]
    chart = {
        "labels": [row[0] for row in rows],
        "series": [{"label": label, "data": [row[2 + i] for row in rows]} for i, label in enumerate(labels)],
    }
    return [
        Table(
            "grades_by_round",
            _("Confirmed grades per round"),
            [_("round"), _("total"), *labels],
            rows,
            chart=chart if rows else None,
        )
    ]
