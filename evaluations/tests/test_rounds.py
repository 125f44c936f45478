"""Opening, extending and closing appraisal rounds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments.models import SecondmentEvent
from conftest import FILLED_APPRAISAL, ROUND_DUE, ROUND_PERIOD, ROUND_TITLE, TODAY
from evaluations import services
from evaluations.models import Appraisal, AppraisalRound
from guazhi.dates import long_date
from guazhi.tests.people import second_officer
from guazhi.workflow import TransitionError


def _open(officer, title=ROUND_TITLE, kind="annual", **subset):
    return services.open_round(
        title=title,
        kind=kind,
        period_start=ROUND_PERIOD[0],
        period_end=ROUND_PERIOD[1],
        due_date=ROUND_DUE,
        actor=officer,
        **subset,
    )


@pytest.fixture
def cadres_in_every_state(make_secondment, make_cadre, make_post, unit_b):
    """One secondment in each state; the one in post is in unit A, the one under review in unit B."""
    built = {}
    for index, state in enumerate(["expected", "awaiting_post", "in_post", "under_review", "completed"]):
        cadre = make_cadre(f"张{index}", birth_date=datetime.date(1975 + index, 1, 1))
        post = make_post(unit=unit_b if state == "under_review" else None, title=f"岗位{index}")
        built[state] = make_secondment(cadre, state, post=post)
    return built


def test_opening_a_round_gives_each_cadre_in_post_or_under_review_one_pending_appraisal(
    officer, cadres_in_every_state, unit_a, unit_b
):
    appraisal_round, added = _open(officer)
    appraisals = {a.secondment_id: a for a in appraisal_round.appraisals.all()}
    assert added == 2
    assert set(appraisals) == {cadres_in_every_state["in_post"].pk, cadres_in_every_state["under_review"].pk}
    assert appraisals[cadres_in_every_state["in_post"].pk].unit == unit_a
    assert appraisals[cadres_in_every_state["under_review"].pk].unit == unit_b
    assert all(
        a.status == "pending" and a.kind == "annual" and a.due_date == ROUND_DUE for a in appraisals.values()
    )


def test_opening_a_round_writes_history_and_a_timeline_line_for_each_appraisal(officer, placed_in_a):
    appraisal_round, _added = _open(officer)
    appraisal = appraisal_round.appraisals.get()
    assert appraisal.history.count() == 1
    assert appraisal.history.get().history_user == officer
    event = placed_in_a.events.first()
    assert event.action == "appraisal"
    assert ROUND_TITLE in event.note and long_date(ROUND_DUE) in event.note


def test_a_round_can_take_only_one_receiving_unit_sending_unit_or_batch(
    officer, cadres_in_every_state, unit_b, make_secondment, make_cadre, make_post, other_sending_unit
):
    other = make_secondment(
        make_cadre("李二", birth_date=datetime.date(1982, 9, 3)),
        "in_post",
        post=make_post(title="局长助理"),
        sending_unit=other_sending_unit,
        batch="2025年市派第一批",
    )
    by_unit, _n = _open(officer, "按单位", receiving_unit=unit_b)
    by_sender, _n = _open(officer, "按派出单位", sending_unit=other_sending_unit)
    by_batch, _n = _open(officer, "按批次", batch="2025年市派第一批")
    assert [a.secondment for a in by_unit.appraisals.all()] == [cadres_in_every_state["under_review"]]
    assert [a.secondment for a in by_sender.appraisals.all()] == [other]
    assert [a.secondment for a in by_batch.appraisals.all()] == [other]


def test_extending_a_round_adds_only_those_not_in_it_yet(officer, cadres_in_every_state, unit_a):
    appraisal_round, _added = _open(officer, receiving_unit=unit_a)
    assert appraisal_round.appraisals.count() == 1
    assert services.extend_round(appraisal_round=appraisal_round, actor=officer) == 1
    assert services.extend_round(appraisal_round=appraisal_round, actor=officer) == 0
    assert appraisal_round.appraisals.count() == 2


def test_a_second_round_with_the_same_title_is_refused(officer, placed_in_a):
    _open(officer)
    with pytest.raises(TransitionError):
        _open(officer)
    assert AppraisalRound.objects.count() == 1


def test_opening_a_round_runs_the_same_queries_for_one_cadre_and_for_twenty(
    officer, make_secondment, make_cadre, make_post
):
    def add(index):
        cadre = make_cadre(f"张{index}", birth_date=datetime.date(1970 + index, 1, 1))
        make_secondment(cadre, "in_post", post=make_post(title=f"岗位{index}"))

    def count_queries(title) -> int:
        with CaptureQueriesContext(connection) as captured:
            _open(officer, title)
        return len(captured)

    add(0)
    one = count_queries("一人")
    for index in range(1, 20):
        add(index)
    assert count_queries("二十人") == one
    assert Appraisal.objects.filter(round__title="二十人").count() == 20


def test_an_end_of_term_round_gathers_the_appraisals_the_reviews_opened(
    officer, make_review, make_cadre, make_post, placed_in_a
):
    review = make_review(
        make_cadre("王五", birth_date=datetime.date(1981, 1, 1)), make_post(title="局长助理")
    )
    appraisal_round, added = _open(officer, "期满考核", kind="term_end")
    assert added == 1
    assert list(appraisal_round.appraisals.all()) == [review.appraisal]
    assert Appraisal.objects.filter(secondment=review.secondment, kind="term_end").count() == 1
    _again, added_again = _open(officer, "又一次期满考核", kind="term_end")
    assert added_again == 0


def test_closing_a_round_leaves_unfiled_appraisals_unfiled_and_stops_filing(officer, placed_in_a):
    appraisal_round, _added = _open(officer)
    appraisal = appraisal_round.appraisals.get()
    services.close_round(appraisal_round=appraisal_round, actor=officer)
    appraisal_round.refresh_from_db()
    assert appraisal_round.status == "closed" and appraisal_round.closed_by == officer
    with pytest.raises(TransitionError) as error:
        services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    assert "已结束" in str(error.value)
    with pytest.raises(TransitionError):
        services.close_round(appraisal_round=appraisal_round, actor=officer)


def test_staff_open_a_round_from_the_form(officer_client, placed_in_a, leader_a):
    response = officer_client.post(
        reverse("evaluations:round_create"),
        {
            "title": ROUND_TITLE,
            "kind": "annual",
            "period_start": ROUND_PERIOD[0].isoformat(),
            "period_end": f"{ROUND_PERIOD[1].year}年12月31日",
            "due_date": f"{ROUND_DUE:%Y.%m.%d}",
        },
    )
    appraisal_round = AppraisalRound.objects.get()
    assert response.url == appraisal_round.get_absolute_url()
    assert appraisal_round.appraisals.get().secondment == placed_in_a


def test_a_period_that_ends_before_it_starts_is_named_at_the_field(officer_client, placed_in_a):
    response = officer_client.post(
        reverse("evaluations:round_create"),
        {
            "title": "错",
            "kind": "annual",
            "period_start": ROUND_PERIOD[1].isoformat(),
            "period_end": ROUND_PERIOD[0].isoformat(),
            "due_date": ROUND_DUE.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "结束日期不能早于开始日期" in response.context["form"].errors["period_end"][0]
    assert not AppraisalRound.objects.exists()


def test_closing_with_unfiled_appraisals_asks_first_and_lists_them(officer_client, placed_in_a, make_round):
    appraisal_round = make_round()
    url = reverse("evaluations:round_close", args=[appraisal_round.pk])
    html = officer_client.get(url).content.decode()
    assert placed_in_a.cadre.name in html
    assert "data-confirm" in html and "1份考核未填报" in html
    appraisal_round.refresh_from_db()
    assert appraisal_round.status == "open"
    officer_client.post(url)
    appraisal_round.refresh_from_db()
    assert appraisal_round.status == "closed"


def test_the_round_page_shows_progress_per_unit_and_warns_about_too_many_excellent_grades(
    officer_client, officer, make_secondment, make_cadre, make_post, make_round
):
    for index in range(3):
        cadre = make_cadre(f"张{index}", birth_date=datetime.date(1970 + index, 1, 1))
        make_secondment(cadre, "in_post", post=make_post(title=f"岗位{index}"))
    appraisal_round = make_round()
    first, second, _third = appraisal_round.appraisals.order_by("id")
    for appraisal, grade in ((first, "excellent"), (second, "competent")):
        services.file_appraisal(appraisal=appraisal, data={**FILLED_APPRAISAL, "grade": grade}, actor=officer)
        services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    response = officer_client.get(appraisal_round.get_absolute_url())
    summary = response.context["summary"]
    assert [(p.unit, p.pending, p.confirmed) for p in summary.progress] == [("县财政局", 1, 2)]
    assert summary.too_many_excellent
    assert "超过一般掌握的20%" in response.content.decode()


def test_no_warning_while_excellent_grades_stay_within_the_share(officer, placed_in_a, make_round, settings):
    settings.GUAZHI = {**settings.GUAZHI, "EXCELLENT_SHARE_WARNING": 1.0}
    appraisal_round = make_round()
    appraisal = appraisal_round.appraisals.get()
    services.file_appraisal(
        appraisal=appraisal, data={**FILLED_APPRAISAL, "grade": "excellent"}, actor=officer
    )
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    from evaluations.selectors import round_summary

    assert not round_summary(appraisal_round).too_many_excellent


def test_a_round_event_is_one_line_per_secondment(officer, placed_in_a):
    before = SecondmentEvent.objects.count()
    _open(officer)
    assert SecondmentEvent.objects.count() == before + 1


def test_a_round_whose_period_crosses_the_year_end_is_opened_and_shown_with_its_dates(
    officer_client, placed_in_a, leader_a
):
    winter = (
        datetime.date(TODAY.year - 1, 12, 1),
        datetime.date(TODAY.year, 3, 1) - datetime.timedelta(days=1),
    )
    response = officer_client.post(
        reverse("evaluations:round_create"),
        {
            "title": "冬季专项考核",
            "kind": "special",
            "period_start": winter[0].isoformat(),
            "period_end": winter[1].isoformat(),
            "due_date": ROUND_DUE.isoformat(),
        },
    )
    appraisal_round = AppraisalRound.objects.get()
    assert response.url == appraisal_round.get_absolute_url()
    assert (appraisal_round.period_start, appraisal_round.period_end) == winter
    assert appraisal_round.appraisals.get().secondment == placed_in_a
    html = officer_client.get(appraisal_round.get_absolute_url()).content.decode()
    assert f"{long_date(winter[0])}—{long_date(winter[1])}" in html
