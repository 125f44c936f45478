"""Pagination that stays fast on the last page of a long list."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int) -> Page:
    """A page of the queryset, keeping its order.

    Paging over the primary keys alone lets the database walk an index past
    the skipped rows instead of joining every one of them; the page's rows are
    then read whole, with the queryset's select_related and prefetches.
    """
    ids = queryset.values_list("pk", flat=True)
    page = Paginator(ids, per_page).get_page(request.GET.get("page"))
    wanted = list(page.object_list)
    rows = {obj.pk: obj for obj in queryset.order_by().filter(pk__in=wanted)}
    page.object_list = [rows[pk] for pk in wanted if pk in rows]
    return page
