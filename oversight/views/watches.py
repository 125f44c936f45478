"""The lists behind the dashboard's counts: the cadres each watch holds, most neglected first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assignments.selectors import secondments_visible_to
from cadres.models import Unit
from guazhi.access import NotVisible, lists_required
from guazhi.paging import paginate

from .. import watch as watching
from ..forms import WatchFilter


@lists_required
def watch_list(request: HttpRequest, key: str) -> HttpResponse:
    watch = watching.get_watch(key)
    if watch is None:
        raise NotVisible
    hosting = Unit.objects.filter(pk__in=secondments_visible_to(request.user).values("current_unit_id"))
    unit_filter = WatchFilter(
        request.GET, queryset=watching.watch_queryset(request.user, key), units=hosting.order_by("name")
    )
    page = paginate(request, unit_filter.qs)
    return render(
        request,
        "oversight/watch_list.html",
        {
            "watch": watch,
            "filter": unit_filter,
            "page": page,
            "rows": watching.watch_rows(watch, page.object_list),
            "counts": watching.watch_counts(request.user),
        },
    )
