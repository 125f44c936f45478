from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from guazhi.access import staff_required
from guazhi.downloads import DOCX, XLSX, download
from guazhi.text import is_number

from .. import summary_files
from ..summary import county_summary, earliest_year


def _since(request: HttpRequest) -> tuple[int, str]:
    """The start year asked for, or the earliest term start; and an error if the input was bad."""
    earliest = earliest_year(request.user)
    raw = request.GET.get("since", "").strip()
    if not raw:
        return earliest, ""
    if is_number(raw) and 1949 <= int(raw) <= timezone.localdate().year:
        return int(raw), ""
    return earliest, _("Enter a year between 1949 and this year, such as 2019.")


@staff_required
def summary(request: HttpRequest) -> HttpResponse:
    since, error = _since(request)
    report = county_summary(request.user, since)
    return render(
        request,
        "oversight/summary.html",
        {"summary": report, "since_error": error, "years": range(timezone.localdate().year, 1999, -1)},
    )


@staff_required
def summary_docx(request: HttpRequest) -> HttpResponse:
    since, _error = _since(request)
    report = county_summary(request.user, since)
    return download(summary_files.summary_docx(report), f"{report.title}.docx", DOCX)


@staff_required
def summary_xlsx(request: HttpRequest) -> HttpResponse:
    since, _error = _since(request)
    report = county_summary(request.user, since)
    return download(summary_files.summary_xlsx(report), f"{report.title}.xlsx", XLSX)
