import pytest

from assignments.models import Secondment
from cadres.models import Specialty

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


def test_placing_in_a_post_failing_a_test_asks_for_a_reason_and_the_timeline_shows_it(
    page, officer, leader_a, make_secondment, make_cadre, make_post, specialty
):
    # The post is a strong team with broad scope, but wants no specialty the cadre has.
    post = make_post(title="副局长", strong_team=True, broad_scope=True)
    waiting = make_secondment(make_cadre("张一", specialties=[specialty]), "awaiting_post")
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "alice")
    page.goto(page.base + f"/secondments/{waiting.pk}/assign/?post={post.pk}")
    page.locator(".three-tests").get_by_text("有利于发挥作用").wait_for()
    assert "✗" in page.locator(".three-tests").inner_text()
    screenshot(page, "assign-failed-test")
    reason = page.get_by_label("仍作此安排的理由")
    page.get_by_role("button", name="安排到此岗位").click()
    assert reason.evaluate("field => field.validity.valueMissing")
    assert Secondment.objects.get().status == "awaiting_post"
    reason.fill("县里急需懂财政的干部")
    page.get_by_role("button", name="安排到此岗位").click()
    page.get_by_text("已将张一安排到").wait_for()
    assert page.locator("ol.timeline").get_by_text("县里急需懂财政的干部").count() == 1
    assert Secondment.objects.get().status == "in_post"


def test_the_plan_never_proposes_a_zero_overlap_line_while_an_overlapping_post_is_free(
    page, officer, make_secondment, make_cadre, make_post, specialty, unit_b
):
    # On the total alone the division-level strong, broad post would win; the specialties say otherwise.
    other = Specialty.objects.create(name="招商引资")
    make_post(unit=unit_b, title="副镇长", expected_level="division", strong_team=True, broad_scope=True)
    make_post(title="局长助理", specialties=[specialty, other])
    make_secondment(make_cadre("张一", specialties=[specialty]), "awaiting_post")
    log_in(page, "alice")
    page.goto(page.base + "/secondments/plan/")
    line = page.locator("tr.plan-line")
    assert line.count() == 1
    assert "局长助理" in line.inner_text() and "副镇长" not in line.inner_text()
    screenshot(page, "batch-plan-overlap")


def test_the_plan_never_puts_a_division_cadre_in_a_section_only_post(
    page, officer, make_secondment, make_cadre, make_post, specialty, unit_b
):
    make_post(unit=unit_b, title="副镇长", expected_level="section", specialties=[specialty])
    waiting = make_secondment(make_cadre("张一", specialties=[specialty]), "awaiting_post")
    log_in(page, "alice")
    page.goto(page.base + "/secondments/plan/")
    assert page.locator("tr.plan-line").count() == 0
    unplaced = page.locator("li.unplaced")
    assert "层级" in unplaced.inner_text()
    unplaced.get_by_role("link", name="张一").click()
    page.wait_for_url(f"**{waiting.get_absolute_url()}")
