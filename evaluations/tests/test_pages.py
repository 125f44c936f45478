"""The appraisal lists and the secondment page's appraisal section: what they show and what they cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import FILLED_APPRAISAL, TODAY, client_for, local_time
from evaluations import services
from guazhi.dates import long_date
from guazhi.tests.people import second_officer


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def add_cadre_in_post(make_secondment, make_cadre, make_post):
    def add(index):
        cadre = make_cadre(f"张{index}", birth_date=datetime.date(1970 + index, 1, 1))
        return make_secondment(cadre, "in_post", post=make_post(title=f"岗位{index}"))

    return add


@pytest.mark.parametrize("who", ["officer", "leader_a"])
@pytest.mark.parametrize("url_name", ["evaluations:appraisal_list", "evaluations:my_appraisals", "home"])
def test_the_appraisal_lists_run_the_same_queries_for_one_row_and_for_twenty(
    request, add_cadre_in_post, officer, make_round, who, url_name
):
    client = client_for(request.getfixturevalue(who))

    def grow(start, stop):
        secondments = [add_cadre_in_post(index) for index in range(start, stop)]
        appraisal_round = make_round(title=f"考核{start}")
        for appraisal in appraisal_round.appraisals.filter(secondment__in=secondments):
            if who == "officer":
                services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)

    grow(0, 1)
    one = _queries(client, reverse(url_name))
    grow(1, 20)
    assert _queries(client, reverse(url_name)) == one


def test_the_round_list_and_page_run_the_same_queries_for_one_row_and_for_twenty(
    officer_client, officer, add_cadre_in_post, make_round
):
    add_cadre_in_post(0)
    first = make_round(title="考核0")
    one_list = _queries(officer_client, reverse("evaluations:round_list"))
    one_page = _queries(officer_client, first.get_absolute_url())
    for index in range(1, 20):
        add_cadre_in_post(index)
    big = make_round(title="考核大")
    for index in range(1, 20):
        make_round(title=f"考核{index}", receiving_unit=None, batch="没有这个批次")
    for appraisal in big.appraisals.all()[:10]:
        services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
        services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    assert _queries(officer_client, reverse("evaluations:round_list")) == one_list
    assert _queries(officer_client, big.get_absolute_url()) == one_page


def test_the_review_list_runs_the_same_queries_for_one_row_and_for_twenty(
    officer_client, make_review, make_cadre, make_post
):
    def add(index):
        make_review(
            make_cadre(f"王{index}", birth_date=datetime.date(1970 + index, 2, 2)),
            make_post(title=f"岗{index}"),
        )

    add(0)
    one = _queries(officer_client, reverse("evaluations:review_list"))
    for index in range(1, 20):
        add(index)
    assert _queries(officer_client, reverse("evaluations:review_list")) == one


def test_the_secondment_page_shows_the_grades_over_time(
    officer, officer_client, placed_in_a, make_round, liaison
):
    for title, grade in (("2025年度考核", "competent"), ("2026年度考核", "excellent")):
        appraisal = make_round(title=title).appraisals.get()
        services.file_appraisal(appraisal=appraisal, data={**FILLED_APPRAISAL, "grade": grade}, actor=officer)
        services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    pending = make_round(title="2027年度考核").appraisals.get()
    html = officer_client.get(placed_in_a.get_absolute_url()).content.decode()
    assert "2025年度考核 <strong>称职</strong> → 2026年度考核 <strong>优秀</strong>" in html
    assert pending.get_absolute_url() in html
    liaison_html = client_for(liaison).get(placed_in_a.get_absolute_url()).content.decode()
    assert "2026年度考核" in liaison_html and pending.get_absolute_url() not in liaison_html


def test_the_secondment_page_costs_the_same_however_many_appraisals(
    officer, officer_client, placed_in_a, make_round
):
    make_round(title="考核0")
    one = _queries(officer_client, placed_in_a.get_absolute_url())
    for index in range(1, 8):
        make_round(title=f"考核{index}")
    assert _queries(officer_client, placed_in_a.get_absolute_url()) == one


def test_the_leader_s_navigation_leads_to_their_queue(leader_a):
    html = client_for(leader_a).get(reverse("home")).content.decode()
    assert reverse("evaluations:my_appraisals") in html
    assert reverse("evaluations:round_list") not in html


def test_a_liaison_s_home_has_no_queue_card(liaison):
    assert client_for(liaison).get(reverse("home")).context["appraisal_queue"] is None


def test_the_appraisal_list_of_a_liaison_holds_only_confirmed_results(
    liaison, officer, placed_in_a, make_round
):
    appraisal_round = make_round()
    appraisal = appraisal_round.appraisals.get()
    client = client_for(liaison)
    assert list(client.get(reverse("evaluations:appraisal_list")).context["page"]) == []
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    assert list(client.get(reverse("evaluations:appraisal_list")).context["page"]) == [appraisal]


def test_the_appraisal_list_filters_by_status_and_name(
    officer_client, officer, add_cadre_in_post, make_round
):
    add_cadre_in_post(0)
    add_cadre_in_post(1)
    appraisal_round = make_round()
    submitted = appraisal_round.appraisals.first()
    services.file_appraisal(appraisal=submitted, data=FILLED_APPRAISAL, actor=officer)
    url = reverse("evaluations:appraisal_list")
    assert list(officer_client.get(url, {"status": "submitted"}).context["page"]) == [submitted]
    name = submitted.secondment.cadre.name
    assert list(officer_client.get(url, {"q": name}).context["page"]) == [submitted]


def test_the_appraisal_s_change_history_shows_beijing_time(officer, placed_in_a, make_round, time_machine):
    # 08:53 in Beijing is 00:53 in UTC, the time the database keeps.
    time_machine.move_to(local_time(TODAY, 8, 53), tick=False)
    appraisal = make_round().appraisals.get()
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    html = client_for(officer).get(appraisal.get_absolute_url()).content.decode()
    filed = f"{long_date(TODAY)} 08:53"
    history = html[html.index('id="history-heading"') :]
    assert f'<span class="text-body-secondary">{filed}</span>' in history
    assert f"— → {filed}" in history
    assert "+00:00" not in html and "00:53" not in html
