"""The appraisal tables of the county summary (registered with assignments.reports)."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from assignments.reports import Table

from .choices import AppraisalStatus, Grade
from .models import Appraisal


def grades_by_round(user, received: QuerySet, since: int) -> list[Table]:
    """Confirmed grades per round, for the secondments the summary counts, in one query."""
    counts = (
        Appraisal.objects.filter(secondment__in=received.values("pk"), status=AppraisalStatus.CONFIRMED)
        .values("round__title", "round__period_start")
        .annotate(total=Count("pk"), **{grade: Count("pk", filter=Q(grade=grade)) for grade in Grade.values})
        .order_by("round__period_start", "round__title")
    )
    labels = [str(label) for label in Grade.labels]
    rows = [
        [
            row["round__title"] or _("End-of-term appraisals outside a round"),
            row["total"],
            *(row[g] for g in Grade.values),
        ]
        for row in counts
    ]
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
