"""Selection before arrival in the browser, on the demo data: the staff's and the liaison's pages
render cleanly and pass the accessibility audit, and a liaison of another unit finds nothing."""

import pytest
from django.urls import reverse

from oversight import demo
from selection.models import Need, Nomination

from .conftest import log_in
from .test_every_page import axe_source, visit_all  # noqa: F401

pytestmark = pytest.mark.e2e


@pytest.fixture
def county(db):
    demo.seed()


def test_the_selection_pages_of_staff_render_cleanly_and_pass_the_audit(page, county, axe_source):  # noqa: F811
    nomination = Nomination.objects.select_related("need").get()
    log_in(page, "zuzhibu", demo.DEMO_PASSWORD)
    visit_all(
        page,
        axe_source,
        "staff",
        [
            ("selection-cycles", reverse("selection:cycle_list")),
            ("selection-cycle", nomination.need.cycle.get_absolute_url()),
            ("selection-cycle-form", reverse("selection:cycle_create")),
            ("selection-need-form", reverse("selection:need_create", args=[nomination.need.cycle_id])),
            ("selection-need", nomination.need.get_absolute_url()),
        ],
    )
    assert page.get_by_text("周明远").count() >= 1


def test_the_liaison_nominates_on_pages_that_pass_the_audit_and_another_unit_sees_nothing(
    page,
    county,
    axe_source,  # noqa: F811
):
    open_need = Need.objects.filter(nominations__isnull=True).get()
    log_in(page, "ll_caizheng", demo.DEMO_PASSWORD)
    visit_all(
        page,
        axe_source,
        "liaison",
        [
            ("selection-cycles", reverse("selection:cycle_list")),
            ("selection-need", open_need.get_absolute_url()),
            ("selection-nominate", reverse("selection:nominate", args=[open_need.pk])),
        ],
    )
    page.context.clear_cookies()
    log_in(page, "ll_linye", demo.DEMO_PASSWORD)
    response = page.goto(page.base + Nomination.objects.get().need.get_absolute_url())
    assert response.status == 200  # addressed to every sending unit: the need is public to them
    assert page.get_by_text("周明远").count() == 0
