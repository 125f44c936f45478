"""The work record's line on the secondment page: how many months are on file, and the link."""

from django.http import HttpRequest

from assignments.models import Secondment
from assignments.sections import Section

from .selectors import may_file, records_visible_to


def secondment_worklog(request: HttpRequest, secondment: Secondment) -> Section:
    records = records_visible_to(request.user).filter(secondment=secondment)
    return Section(
        template="worklog/includes/secondment_worklog.html",
        context={
            "secondment": secondment,
            "count": records.count(),
            "uncommented": records.filter(commented_at__isnull=True).count(),
            "can_file": may_file(request.user, secondment),
        },
    )
