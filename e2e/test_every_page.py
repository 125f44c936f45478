"""Every main page, as each kind of user sees it on the demo data: it renders in
Chinese, makes no request outside the application, logs no console error or
CSP violation, passes an axe-core accessibility audit with no serious or
critical violation (GB/T 37668), and leaves a full-page screenshot."""

import os
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from assignments.models import Post, Secondment
from cadres.models import Cadre, Unit
from evaluations.models import Appraisal, AppraisalRound, TermReview
from oversight import demo

from .conftest import log_in, screenshot

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture
def county(db):
    demo.seed()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        reason = f"axe-core is not installed at {AXE} (run `npm ci`)"
        if os.environ.get("REQUIRE_E2E") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


def audit(page, axe_source: str) -> list[str]:
    """The serious and critical accessibility violations axe-core finds on the page."""
    page.evaluate(axe_source)
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in violations if v["impact"] in BLOCKING]


def visit_all(page, axe_source: str, persona: str, pages: list[tuple[str, str]]) -> None:
    problems = []
    for name, url in pages:
        response = page.goto(page.base + url)
        assert response.status == 200, f"{name} {url} answered {response.status}"
        assert page.locator("html[lang='zh-hans']").count() == 1
        screenshot(page, f"{persona}-{name}")
        problems += [f"{name}: {problem}" for problem in audit(page, axe_source)]
    assert not problems, "\n".join(problems)


def staff_pages() -> list[tuple[str, str]]:
    in_post = Secondment.objects.filter(status="in_post").order_by("pk").first()
    waiting = Secondment.objects.filter(status="awaiting_post").order_by("pk").first()
    review = TermReview.objects.order_by("pk").first()
    appraisal_round = AppraisalRound.objects.order_by("pk").first()
    appraisal = Appraisal.objects.filter(status="submitted").order_by("pk").first()
    post = Post.objects.order_by("pk").first()
    return [
        ("dashboard", reverse("home")),
        ("cadre-list", reverse("cadres:cadre_list")),
        ("cadre-detail", Cadre.objects.order_by("pk").first().get_absolute_url()),
        ("cadre-form", reverse("cadres:cadre_create")),
        ("unit-list", reverse("cadres:unit_list")),
        ("unit-detail", Unit.objects.get(name="县财政局").get_absolute_url()),
        ("secondment-list", reverse("assignments:secondment_list")),
        ("secondment-register", reverse("assignments:secondment_register")),
        ("secondment-detail", in_post.get_absolute_url()),
        ("secondment-talk", reverse("assignments:talk_create", args=[in_post.pk])),
        ("secondment-leave", reverse("assignments:leave_create", args=[in_post.pk])),
        ("work-record", reverse("worklog:record_list", args=[in_post.pk])),
        ("work-record-file", reverse("worklog:record_file", args=[in_post.pk])),
        ("work-record-project", reverse("worklog:project_add", args=[in_post.pk])),
        ("life-support", reverse("living:life_support_edit", args=[in_post.pk])),
        ("care-visit", reverse("living:visit_create", args=[in_post.pk])),
        ("waiting-list", reverse("assignments:waiting_list")),
        ("suggestions", reverse("assignments:suggestions", args=[waiting.pk])),
        ("assign-confirm", reverse("assignments:secondment_assign", args=[waiting.pk]) + f"?post={post.pk}"),
        ("batch-plan", reverse("assignments:batch_plan")),
        ("watch-no-talk", reverse("oversight:watch_list", args=["no_talk"])),
        ("watch-no-housing", reverse("oversight:watch_list", args=["no_housing"])),
        ("post-list", reverse("assignments:post_list")),
        ("post-detail", post.get_absolute_url()),
        ("post-form", reverse("assignments:post_create")),
        ("roster-import", reverse("assignments:roster_import")),
        ("county-summary", reverse("oversight:summary")),
        ("round-list", reverse("evaluations:round_list")),
        ("round-detail", reverse("evaluations:round_detail", args=[appraisal_round.pk])),
        ("round-form", reverse("evaluations:round_create")),
        ("appraisal-list", reverse("evaluations:appraisal_list")),
        ("appraisal-detail", reverse("evaluations:appraisal_detail", args=[appraisal.pk])),
        ("review-list", reverse("evaluations:review_list")),
        ("review-detail", reverse("evaluations:review_detail", args=[review.pk])),
        ("review-form-print", reverse("evaluations:review_print", args=[review.pk])),
        (
            "review-forms-of-a-batch",
            reverse("evaluations:review_forms") + "?" + urlencode({"batch": review.secondment.batch}),
        ),
    ]


def test_every_staff_page_renders_cleanly_and_passes_the_accessibility_audit(page, county, axe_source):
    log_in(page, "zuzhibu", demo.DEMO_PASSWORD)
    visit_all(page, axe_source, "staff", staff_pages())


def test_a_receiving_unit_leader_s_pages_render_cleanly_and_pass_the_audit(page, county, axe_source):
    unit = Unit.objects.get(name="县财政局")
    pending = Appraisal.objects.filter(unit=unit, status__in=["pending", "returned"]).order_by("pk").first()
    placed = Secondment.objects.filter(current_unit=unit, status="in_post").order_by("pk").first()
    log_in(page, "ld_caizheng", demo.DEMO_PASSWORD)
    visit_all(
        page,
        axe_source,
        "leader",
        [
            ("dashboard", reverse("home")),
            ("our-cadres", reverse("assignments:secondment_list")),
            ("secondment-detail", placed.get_absolute_url()),
            ("work-record", reverse("worklog:record_list", args=[placed.pk])),
            ("my-appraisals", reverse("evaluations:my_appraisals")),
            ("appraisal-form", reverse("evaluations:appraisal_file", args=[pending.pk])),
            ("unit", unit.get_absolute_url()),
        ],
    )


def test_a_sending_unit_liaison_s_pages_render_cleanly_and_pass_the_audit(page, county, axe_source):
    fed_back = TermReview.objects.get(secondment__cadre__name="刘建军")
    log_in(page, "ll_linye", demo.DEMO_PASSWORD)
    visit_all(
        page,
        axe_source,
        "liaison",
        [
            ("dashboard", reverse("home")),
            ("our-cadres", reverse("assignments:secondment_list")),
            ("secondment-detail", fed_back.secondment.get_absolute_url()),
            ("review-detail", reverse("evaluations:review_detail", args=[fed_back.pk])),
            ("review-form-print", reverse("evaluations:review_print", args=[fed_back.pk])),
        ],
    )


def test_the_login_page_passes_the_audit(page, axe_source):
    response = page.goto(page.base + reverse("login"))
    assert response.status == 200
    screenshot(page, "anonymous-login")
    assert not audit(page, axe_source)


def test_a_cadre_s_own_pages_render_cleanly_and_pass_the_audit(page, county, axe_source):
    own = Secondment.objects.filter(cadre__name="马晓东", status="in_post").get()
    log_in(page, "gb_maxiaodong", demo.DEMO_PASSWORD)
    visit_all(
        page,
        axe_source,
        "cadre",
        [
            ("my-secondment", reverse("home")),
            ("secondment-detail", own.get_absolute_url()),
            ("work-record", reverse("worklog:record_list", args=[own.pk])),
            ("work-record-file", reverse("worklog:record_file", args=[own.pk])),
            ("leave-request", reverse("assignments:leave_create", args=[own.pk])),
        ],
    )
