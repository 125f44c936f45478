"""严格挂职考评: the rater sees the period's monthly records, the term's projects and the
role-deviation signals beside the rating fields, and the staff who confirm see the same."""

import datetime

import pytest
from django.urls import reverse

from assignments import services as assignment_services
from cadres.services import give_account
from conftest import FILLED_APPRAISAL, client_for, days_ago, days_ahead, months_ago
from evaluations import services
from evaluations.models import Appraisal
from guazhi.tests.people import second_officer
from worklog import services as worklog
from worklog.choices import ProjectKind, ProjectRole
from worklog.selectors import first_of_month, month_label


def _month(n: int) -> datetime.date:
    return first_of_month(months_ago(n))


@pytest.fixture
def routine(officer, placed_in_a) -> Appraisal:
    """A routine (平时) round over the months from six to four months back, inside the default term."""
    appraisal_round, _added = services.open_round(
        title="平时考核（纪实佐证）",
        kind="routine",
        period_start=_month(6),
        period_end=_month(3) - datetime.timedelta(days=1),
        due_date=days_ahead(30),
        actor=officer,
    )
    return appraisal_round.appraisals.get(secondment=placed_in_a)


def _file(secondment, n: int, work: str, actor, **fields):
    return worklog.file_monthly_record(
        secondment=secondment, month=_month(n), work_done=work, actor=actor, **fields
    )


def _project(secondment, name: str, role: str, actor, **fields):
    return worklog.add_project(
        secondment=secondment, name=name, kind=ProjectKind.INVESTMENT, role=role, actor=actor, **fields
    )


def _file_url(appraisal) -> str:
    return reverse("evaluations:appraisal_file", args=[appraisal.pk])


def test_the_routine_filing_page_shows_the_records_of_the_round_s_period_and_no_other(
    leader_a, officer, routine
):
    _file(routine.secondment, 5, "走访重点企业十二家", officer)
    _file(routine.secondment, 2, "期后才写的纪实", officer)
    _file(routine.secondment, 8, "期前写的纪实", officer)

    response = client_for(leader_a).get(_file_url(routine))
    page = response.content.decode()

    assert "data-evidence" in page and "走访重点企业十二家" in page
    assert "期后才写的纪实" not in page and "期前写的纪实" not in page
    assert [row.month for row in response.context["evidence"].months] == [_month(4), _month(5), _month(6)]


def test_a_month_of_the_period_without_a_record_is_listed_as_missing(leader_a, officer, routine):
    _file(routine.secondment, 5, "走访重点企业", officer)

    response = client_for(leader_a).get(_file_url(routine))
    page = response.content.decode()

    assert response.context["evidence"].missing == [_month(4), _month(6)]
    assert "2 个月份未报纪实（缺报）" in page
    for n in (4, 6):
        assert f'data-month="{_month(n):%Y-%m}"' in page and month_label(_month(n)) in page


def test_a_long_record_is_cut_short_with_the_whole_text_a_click_away(leader_a, officer, routine):
    long_text = "牵头推进产业园区基础设施建设，" * 10
    _file(routine.secondment, 5, long_text, officer)

    page = client_for(leader_a).get(_file_url(routine)).content.decode()

    assert "<details" in page and long_text in page and "展开全文" in page


def test_a_record_shows_the_projects_it_names_and_the_unit_s_comment(leader_a, officer, routine):
    project = _project(routine.secondment, "*药业企业服务协调", ProjectRole.LEADS, officer)
    record = _file(routine.secondment, 5, "对接企业", officer, projects=[project])
    worklog.comment_record(record=record, comment="工作扎实，继续保持", actor=leader_a)

    page = client_for(leader_a).get(_file_url(routine)).content.decode()

    assert "*药业企业服务协调" in page and "工作扎实，继续保持" in page


def test_the_end_of_term_filing_page_shows_the_term_s_records_and_projects_led_first(
    make_review, cadre, post, officer, leader_a
):
    review = make_review(cadre, post)
    secondment = review.secondment
    _file(secondment, 9, "到任第一个月熟悉情况", officer)
    _file(secondment, 1, "上个月完成项目验收", officer)
    _project(secondment, "乡村振兴示范点", ProjectRole.TAKES_PART, officer)
    _project(secondment, "招商引资签约", ProjectRole.LEADS, officer, stage="已签约", result="引资两亿元")

    response = client_for(leader_a).get(_file_url(review.appraisal))
    page = response.content.decode()

    assert "到任第一个月熟悉情况" in page and "上个月完成项目验收" in page
    assert "已签约" in page and "引资两亿元" in page and "主持" in page and "参与" in page
    assert page.index("招商引资签约") < page.index("乡村振兴示范点")
    assert response.context["evidence"].start == secondment.in_county_from


def test_a_post_without_duties_shows_the_nominal_post_signal_raised(leader_a, routine):
    page = client_for(leader_a).get(_file_url(routine)).content.decode()

    assert 'data-signal="nominal_post" data-raised' in page
    assert "有名无实" in page and "未明确分管工作" in page
    assert 'data-signal="away_often" data-raised' not in page
    assert "离岗 0 天" in page


def test_a_project_led_takes_the_nominal_post_signal_down(leader_a, officer, routine):
    routine.secondment.assignments.update(duties="分管招商引资")
    _project(routine.secondment, "产业园建设", ProjectRole.LEADS, officer)

    page = client_for(leader_a).get(_file_url(routine)).content.decode()

    assert 'data-signal="nominal_post">' in page and "已明确分管工作；主持、承担项目 1 个" in page
    assert 'data-signal="nominal_post" data-raised' not in page


@pytest.mark.parametrize("page", ["appraisal_file", "appraisal_detail"])
def test_the_filing_and_appraisal_pages_read_as_many_queries_for_many_records_as_for_one(
    page, leader_a, officer, make_review, cadre, post, django_assert_num_queries
):
    review = make_review(cadre, post)
    secondment, client = review.secondment, client_for(leader_a)
    url = reverse(f"evaluations:{page}", args=[review.appraisal.pk])
    project = _project(secondment, "项目一", ProjectRole.CARRIES, officer)
    _file(secondment, 1, "一", officer, projects=[project])
    client.get(url)  # the first page of a session fills caches once
    with django_assert_num_queries(100, exact=False) as one:
        assert "data-evidence" in client.get(url).content.decode()
    for n in range(2, 9):
        named = _project(secondment, f"项目{n}", ProjectRole.TAKES_PART, officer)
        record = _file(secondment, n, "工作", officer, projects=[project, named])
        worklog.comment_record(record=record, comment="好", actor=leader_a)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_filing_page_still_files_the_appraisal(leader_a, officer, routine):
    _file(routine.secondment, 5, "走访重点企业", officer)

    response = client_for(leader_a).post(
        _file_url(routine), {**FILLED_APPRAISAL, "grade": "good", "action": "submit"}
    )

    assert response.status_code == 302 and response.url == routine.get_absolute_url()
    routine.refresh_from_db()
    assert (routine.status, routine.grade, routine.filed_by) == ("submitted", "good", leader_a)


def test_staff_who_confirm_read_the_same_evidence_on_the_appraisal_page(leader_a, officer, routine):
    _file(routine.secondment, 5, "走访重点企业十二家", officer)
    services.file_appraisal(appraisal=routine, data={**FILLED_APPRAISAL, "grade": "good"}, actor=leader_a)

    page = client_for(second_officer()).get(routine.get_absolute_url()).content.decode()

    assert "data-evidence" in page and "走访重点企业十二家" in page and "有名无实" in page
    assert reverse("evaluations:appraisal_confirm", args=[routine.pk]) in page


def test_the_cadre_and_the_liaison_never_see_the_filing_page_or_the_evidence(
    leader_a, officer, liaison, routine
):
    _file(routine.secondment, 5, "走访重点企业十二家", officer)
    cadre, _password = give_account(cadre=routine.secondment.cadre, username="zhangguohua", actor=officer)
    own = client_for(cadre.account)
    assert own.get(_file_url(routine)).status_code == 404
    services.file_appraisal(appraisal=routine, data={**FILLED_APPRAISAL, "grade": "good"}, actor=leader_a)
    services.confirm_appraisal(appraisal=routine, actor=officer)

    for client in (own, client_for(liaison)):
        assert client.get(_file_url(routine)).status_code == 403
        page = client.get(routine.get_absolute_url())
        assert page.status_code == 200 and page.context["evidence"] is None
        assert "data-evidence" not in page.content.decode()


def test_a_leader_whose_unit_the_cadre_has_left_files_without_a_panel_of_records_they_cannot_read(
    leader_a, officer, make_post, unit_b, routine
):
    _file(routine.secondment, 5, "走访重点企业十二家", officer)
    assignment_services.reassign(
        secondment=routine.secondment, post=make_post(unit=unit_b), start_date=days_ago(1), actor=officer
    )

    response = client_for(leader_a).get(_file_url(routine))

    assert response.status_code == 200 and response.context["evidence"] is None
    assert "data-evidence" not in response.content.decode()
    assert "走访重点企业十二家" in client_for(officer).get(_file_url(routine)).content.decode()
