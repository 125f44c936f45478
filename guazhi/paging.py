"""The one way a list is cut into pages: twenty rows a page, fast on the last page of a long list."""

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 20


def paginate(request: HttpRequest, rows: QuerySet | Sequence, per_page: int = PAGE_SIZE) -> Page:
    """The page of ``rows`` the request asks for (``?page=``), keeping their order.

    A queryset is paged over its primary keys alone, which lets the database
    walk an index past the skipped rows instead of joining every one of them;
    the page's rows are then read whole, with the queryset's select_related and
    prefetches. Anything else that can count and slice itself (a list, a
    reader of its own such as a round's appraisals by unit) is paged as it is.
    """
    number = request.GET.get("page")
    if not isinstance(rows, QuerySet):
        return Paginator(rows, per_page).get_page(number)
    ids = rows.values_list("pk", flat=True)
    page = Paginator(ids, per_page).get_page(number)
    wanted = list(page.object_list)
    found = {obj.pk: obj for obj in rows.order_by().filter(pk__in=wanted)}
    page.object_list = [found[pk] for pk in wanted if pk in found]
    return page
