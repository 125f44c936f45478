"""The 鉴定表 carries the seal and date lines of the printed form, and a round's or a batch's forms
print and download together, one form from each new page."""

import datetime
import io
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from conftest import TERM_START, client_for
from evaluations import services

BATCH = "2024年省派第二批"
SEALS = ["（接收单位盖章）", "（县委组织部盖章）"]
DATE_LINE = "年　　月　　日"


@pytest.fixture
def roomy_post(make_post):
    return make_post(title="副局长", quota=30)


def _review(make_review, make_cadre, post, n: int, batch: str = BATCH, step: str = "fed_back"):
    cadre = make_cadre(f"干部{n:02d}", birth_date=datetime.date(1975 + n % 20, 1 + n % 12, 1))
    return make_review(cadre, post, step, batch=batch)


def _paragraphs(content: bytes) -> list:
    return Document(io.BytesIO(content)).paragraphs


def test_the_printed_form_and_the_word_form_carry_the_seal_and_date_lines(
    officer_client, make_review, make_cadre, roomy_post
):
    review = _review(make_review, make_cadre, roomy_post, 1)
    html = officer_client.get(reverse("evaluations:review_print", args=[review.pk])).content.decode()
    assert [html.count(seal) for seal in SEALS] == [1, 1]
    assert html.count(DATE_LINE) == 2
    texts = [
        p.text
        for p in _paragraphs(
            officer_client.get(reverse("evaluations:review_download", args=[review.pk])).content
        )
    ]
    for seal in SEALS:
        assert texts[texts.index(seal) + 1] == DATE_LINE
    # The receiving unit stamps below its opinion, the organization department below its own, last.
    assert texts.index(SEALS[0]) < texts.index("组织部门审核意见") < texts.index(SEALS[1]) == len(texts) - 2


def test_a_batch_prints_its_forms_one_after_another(officer_client, make_review, make_cadre, roomy_post):
    first, second = (_review(make_review, make_cadre, roomy_post, n) for n in (1, 2))
    _review(make_review, make_cadre, roomy_post, 3, batch="2025年市派第一批")
    response = officer_client.get(reverse("evaluations:review_forms"), {"batch": BATCH})
    assert [sheet.review for sheet in response.context["sheets"]] == [first, second]
    html = response.content.decode()
    assert html.count('class="sheet-page"') == 2 and "干部03" not in html


def test_a_batch_downloads_as_one_document_with_a_form_on_each_new_page(
    officer_client, make_review, make_cadre, roomy_post
):
    for n in (1, 2, 3):
        _review(make_review, make_cadre, roomy_post, n)
    response = officer_client.get(reverse("evaluations:review_forms_download"), {"batch": BATCH})
    name = unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert name == f"{BATCH}挂职干部鉴定表.docx"
    titles = [p for p in _paragraphs(response.content) if p.text == "挂职干部鉴定表"]
    assert [bool(p.paragraph_format.page_break_before) for p in titles] == [False, True, True]


def test_a_round_prints_the_forms_of_the_reviews_it_gathered(
    officer, officer_client, make_review, make_cadre, roomy_post
):
    gathered = [_review(make_review, make_cadre, roomy_post, n, step="collecting") for n in (1, 2)]
    appraisal_round, _added = services.open_round(
        title="2026年期满考核",
        kind="term_end",
        period_start=TERM_START,
        period_end=TERM_START + datetime.timedelta(days=700),
        due_date=TERM_START + datetime.timedelta(days=730),
        actor=officer,
    )
    page = officer_client.get(appraisal_round.get_absolute_url()).content.decode()
    assert reverse("evaluations:review_forms") + f"?round={appraisal_round.pk}" in page
    response = officer_client.get(reverse("evaluations:review_forms"), {"round": appraisal_round.pk})
    assert {sheet.review for sheet in response.context["sheets"]} == set(gathered)


def test_a_round_without_reviews_offers_no_forms(officer_client, make_round, placed_in_a):
    appraisal_round = make_round()
    page = officer_client.get(appraisal_round.get_absolute_url()).content.decode()
    assert reverse("evaluations:review_forms") not in page


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"round": "abc"},
        {"round": "999999"},
        {"round": "9" * 30},
        {"batch": "第\x00批"},
        {"batch": "批" * 200},
    ],
)
def test_forms_of_nothing_named_are_not_found(officer_client, query):
    assert officer_client.get(reverse("evaluations:review_forms"), query).status_code == 404
    assert officer_client.get(reverse("evaluations:review_forms_download"), query).status_code == 404


def test_the_forms_are_the_organization_department_s_to_print(
    leader_a, liaison, make_review, make_cadre, roomy_post
):
    _review(make_review, make_cadre, roomy_post, 1)
    for user in (leader_a, liaison):
        client = client_for(user)
        assert client.get(reverse("evaluations:review_forms"), {"batch": BATCH}).status_code == 404
        assert client.get(reverse("evaluations:review_forms_download"), {"batch": BATCH}).status_code == 404


def test_the_review_list_offers_staff_each_batch_to_print(
    officer_client, leader_a, make_review, make_cadre, roomy_post
):
    _review(make_review, make_cadre, roomy_post, 1)
    assert officer_client.get(reverse("evaluations:review_list")).context["form_batches"] == [BATCH]
    assert client_for(leader_a).get(reverse("evaluations:review_list")).context["form_batches"] == []


def test_a_batch_of_twenty_forms_takes_the_queries_of_one(
    officer_client, make_review, make_cadre, roomy_post
):
    url = reverse("evaluations:review_forms")
    _review(make_review, make_cadre, roomy_post, 0)
    with CaptureQueriesContext(connection) as one:
        officer_client.get(url, {"batch": BATCH})
    for n in range(1, 20):
        _review(make_review, make_cadre, roomy_post, n, step="archived" if n % 2 else "fed_back")
    with CaptureQueriesContext(connection) as twenty:
        response = officer_client.get(url, {"batch": BATCH})
    assert len(response.context["sheets"]) == 20
    assert len(one) == len(twenty)
