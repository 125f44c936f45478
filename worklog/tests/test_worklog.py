"""工作纪实: the cadre files a month's record with a project; a leader comments; the liaison reads."""

import datetime

import pytest
from django.urls import reverse

from cadres.services import give_account
from conftest import client_for, months_ago
from guazhi.workflow import TransitionError
from worklog import services
from worklog.choices import ProjectKind, ProjectRole
from worklog.models import MonthlyRecord, Project


@pytest.fixture
def own_login(placed_in_a, officer):
    cadre, _password = give_account(cadre=placed_in_a.cadre, username="zhangguohua", actor=officer)
    return cadre.account


def last_month() -> datetime.date:
    return months_ago(1).replace(day=1)


def test_the_cadre_files_a_month_with_a_project_and_the_leader_comments(
    own_login, placed_in_a, leader_a, liaison, leader_b
):
    cadre = client_for(own_login)
    answer = cadre.post(
        reverse("worklog:project_add", args=[placed_in_a.pk]),
        {
            "name": "*药业企业服务协调",
            "kind": ProjectKind.INVESTMENT,
            "role": ProjectRole.LEADS,
            "stage": "签约",
        },
    )
    assert answer.status_code == 302
    project = Project.objects.get()

    answer = cadre.post(
        reverse("worklog:record_file", args=[placed_in_a.pk]),
        {
            "month": last_month().isoformat(),
            "work_done": "走访企业十二家",
            "projects": [project.pk],
            "problems": "用地指标紧张",
            "next_plan": "推动项目开工",
        },
    )

    assert answer.url == reverse("worklog:record_list", args=[placed_in_a.pk])
    record = MonthlyRecord.objects.get()
    assert (record.filed_by, record.on_behalf, list(record.projects.all())) == (own_login, False, [project])
    comment_url = reverse("worklog:record_comment", args=[placed_in_a.pk, record.pk])
    assert cadre.get(comment_url).status_code == 403
    assert client_for(leader_a).post(comment_url, {"comment": "工作扎实，望继续推进"}).status_code == 302
    record.refresh_from_db()
    assert (record.comment, record.commented_by) == ("工作扎实，望继续推进", leader_a)
    page = client_for(liaison).get(reverse("worklog:record_list", args=[placed_in_a.pk])).content.decode()
    assert "走访企业十二家" in page and "工作扎实，望继续推进" in page and "*药业企业服务协调" in page
    assert client_for(leader_b).get(reverse("worklog:record_list", args=[placed_in_a.pk])).status_code == 404


def test_staff_filing_for_the_cadre_is_marked_on_their_behalf(placed_in_a, officer_client):
    officer_client.post(
        reverse("worklog:record_file", args=[placed_in_a.pk]),
        {"month": last_month().isoformat(), "work_done": "代录：参加调研"},
    )

    record = MonthlyRecord.objects.get()
    assert record.on_behalf
    page = officer_client.get(reverse("worklog:record_list", args=[placed_in_a.pk])).content.decode()
    assert "代为录入" in page


def test_a_month_outside_the_term_so_far_is_refused(placed_in_a, officer):
    with pytest.raises(TransitionError):
        services.file_monthly_record(
            secondment=placed_in_a, month=months_ago(-2).replace(day=1), work_done="x", actor=officer
        )


def test_a_commented_record_can_no_longer_be_changed(placed_in_a, officer, leader_a):
    record = services.file_monthly_record(
        secondment=placed_in_a, month=last_month(), work_done="调研", actor=officer
    )
    services.comment_record(record=record, comment="好", actor=leader_a)

    with pytest.raises(TransitionError):
        services.file_monthly_record(
            secondment=placed_in_a, month=last_month(), work_done="改", actor=officer
        )


def test_filing_the_same_month_again_corrects_it(placed_in_a, officer):
    services.file_monthly_record(secondment=placed_in_a, month=last_month(), work_done="初稿", actor=officer)
    services.file_monthly_record(secondment=placed_in_a, month=last_month(), work_done="定稿", actor=officer)

    assert list(MonthlyRecord.objects.values_list("work_done", flat=True)) == ["定稿"]


def test_the_secondment_page_links_to_the_work_record(placed_in_a, officer_client):
    page = officer_client.get(placed_in_a.get_absolute_url()).content.decode()

    assert reverse("worklog:record_list", args=[placed_in_a.pk]) in page


def test_the_work_record_page_reads_the_same_number_of_queries_however_many_months(
    placed_in_a, officer, officer_client, leader_a, django_assert_max_num_queries
):
    url = reverse("worklog:record_list", args=[placed_in_a.pk])
    project = services.add_project(
        secondment=placed_in_a, name="项目", kind=ProjectKind.REFORM, role=ProjectRole.CARRIES, actor=officer
    )
    services.file_monthly_record(
        secondment=placed_in_a, month=last_month(), work_done="一", projects=[project], actor=officer
    )
    with django_assert_max_num_queries(20) as few:
        officer_client.get(url)
    for months in range(2, 8):
        record = services.file_monthly_record(
            secondment=placed_in_a,
            month=months_ago(months).replace(day=1),
            work_done="工作",
            projects=[project],
            actor=officer,
        )
        services.comment_record(record=record, comment="好", actor=leader_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        officer_client.get(url)


def test_the_cadre_brings_a_project_up_to_date_and_the_history_keeps_the_old_stage(own_login, placed_in_a):
    project = services.add_project(
        secondment=placed_in_a,
        name="产业园标准厂房",
        kind=ProjectKind.CONSTRUCTION,
        role=ProjectRole.CARRIES,
        stage="立项",
        actor=own_login,
    )
    cadre = client_for(own_login)
    edit = reverse("worklog:project_edit", args=[placed_in_a.pk, project.pk])
    assert "立项" in cadre.get(edit).content.decode()

    answer = cadre.post(
        edit,
        {
            "name": "产业园标准厂房",
            "kind": ProjectKind.CONSTRUCTION,
            "role": ProjectRole.CARRIES,
            "stage": "主体完工",
            "result": "已交付两栋",
        },
    )

    assert answer.status_code == 302
    project.refresh_from_db()
    assert (project.stage, project.result) == ("主体完工", "已交付两栋")
    assert [h.stage for h in project.history.order_by("history_date")] == ["立项", "主体完工"]


def test_a_project_cannot_be_renamed_to_nothing(own_login, placed_in_a):
    project = services.add_project(
        secondment=placed_in_a,
        name="招商推介会",
        kind=ProjectKind.INVESTMENT,
        role=ProjectRole.LEADS,
        actor=own_login,
    )

    answer = client_for(own_login).post(
        reverse("worklog:project_edit", args=[placed_in_a.pk, project.pk]),
        {"name": "  ", "kind": ProjectKind.INVESTMENT, "role": ProjectRole.LEADS},
    )

    assert answer.status_code == 200 and "项目名称" in answer.content.decode()
    project.refresh_from_db()
    assert project.name == "招商推介会"


def test_another_cadres_project_is_not_found(
    own_login, placed_in_a, make_secondment, make_cadre, make_post, officer
):
    other = make_secondment(make_cadre("李明轩"), "in_post", post=make_post(title="局长助理"))
    project = services.add_project(
        secondment=other,
        name="乡村振兴示范点",
        kind=ProjectKind.LIVELIHOOD,
        role=ProjectRole.LEADS,
        actor=officer,
    )

    cadre = client_for(own_login)
    assert cadre.get(reverse("worklog:project_edit", args=[other.pk, project.pk])).status_code == 404
    assert cadre.get(reverse("worklog:project_edit", args=[placed_in_a.pk, project.pk])).status_code == 404
