"""The county summary names the projects the cadres led or carried, tables them by kind and unit, and
counts them in its JSON."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from conftest import TODAY, client_for, days_ago
from oversight.summary import county_summary
from worklog.services import add_project

D = datetime.date
SINCE = TODAY.year - 3


@pytest.fixture
def project(officer):
    def build(secondment, name, kind="investment", role="leads", **fields):
        return add_project(secondment=secondment, name=name, kind=kind, role=role, actor=officer, **fields)

    return build


@pytest.fixture
def county(make_secondment, make_cadre, make_post, unit_b, other_sending_unit, project):
    """
    张国华 (县财政局, sent by 省财政厅) leads “*药业” and carries “城东污水处理厂”.
    李四 (青山镇, sent by 市商务局) carries two projects and takes part in a reform.
    王五 (县财政局, sent by 省财政厅) only takes part in a project.
    """
    zhang = make_secondment(
        make_cadre("张国华"), "in_post", post=make_post(title="副局长"), start=days_ago(300)
    )
    li = make_secondment(
        make_cadre("李四", birth_date=D(1985, 3, 3)),
        "in_post",
        post=make_post(unit=unit_b, title="副镇长"),
        sending_unit=other_sending_unit,
        start=days_ago(200),
    )
    wang = make_secondment(
        make_cadre("王五", birth_date=D(1986, 5, 5)),
        "in_post",
        post=make_post(title="局长助理"),
        start=days_ago(100),
    )
    project(zhang, "城东污水处理厂", kind="construction", role="carries", started_on=days_ago(100))
    project(zhang, "*药业", started_on=days_ago(200))
    project(li, "农村饮水安全巩固提升", kind="livelihood", role="carries")
    project(li, "青山镇工业集中区", kind="construction", role="carries", started_on=days_ago(50))
    project(li, "“放管服”改革", kind="reform", role="takes_part")
    project(wang, "数字财政", kind="reform", role="takes_part")
    return {"zhang": zhang, "li": li, "wang": wang}


def _part(summary, title: str):
    work = summary.sections()[1]
    return next(part for part in work.parts if part.title == title)


def test_section_two_names_what_each_cadre_led_and_carried_in_chinese_quotes(county, officer):
    summary = county_summary(officer, SINCE)
    part = _part(summary, "主持承担项目情况")
    assert part.heading == "（二）主持承担项目情况"
    assert part.paragraphs == [
        "2名挂职干部主持、承担项目4个，其中主持1个、承担3个。",
        "张国华同志在县财政局挂职期间，主持“*药业”招商引资工作，承担“城东污水处理厂”项目建设工作。",
        "李四同志在青山镇挂职期间，承担“青山镇工业集中区”项目建设工作、“农村饮水安全巩固提升”民生工作。",
    ]


def test_a_cadre_who_only_took_part_in_projects_is_not_named_but_is_counted(county, officer):
    summary = county_summary(officer, SINCE)
    said = "\n".join(_part(summary, "主持承担项目情况").paragraphs)
    assert "王五" not in said and "数字财政" not in said and "放管服" not in said
    assert summary.projects.by_role == {"leads": 1, "carries": 3, "takes_part": 2}
    assert summary.projects.total == 6


def test_the_page_the_word_file_and_the_workbook_carry_the_projects(county, officer_client):
    page = officer_client.get(reverse("oversight:summary"), {"since": SINCE}).content.decode()
    assert "主持“*药业”招商引资工作" in page and "挂职干部主持承担项目情况" in page
    document = Document(
        io.BytesIO(officer_client.get(reverse("oversight:summary_docx"), {"since": SINCE}).content)
    )
    assert "主持“*药业”招商引资工作" in "\n".join(p.text for p in document.paragraphs)
    assert any(
        table.cell(0, 0).text == "挂职单位" and table.cell(0, 2).text == "招商引资"
        for table in document.tables
    )
    response = officer_client.get(reverse("oversight:summary_xlsx"), {"since": SINCE})
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["挂职干部主持承担项目情况"].iter_rows(values_only=True))
    assert rows[0] == ("挂职单位", "合计", "招商引资", "项目建设", "民生", "改革", "其他")
    assert any("主持“*药业”" in (row[0] or "") for row in workbook["概述"].iter_rows(values_only=True))


def test_the_table_counts_led_and_carried_projects_by_kind_and_receiving_unit_with_totals(county, officer):
    tables = {t.key: t for t in county_summary(officer, SINCE).tables}
    table = tables["projects_by_unit"]
    assert table.title == "挂职干部主持承担项目情况"
    assert table.headers == ["挂职单位", "合计", "招商引资", "项目建设", "民生", "改革", "其他"]
    assert table.rows == [
        ["县财政局", 2, 1, 1, 0, 0, 0],
        ["青山镇", 2, 0, 1, 1, 0, 0],
        ["合计", 4, 1, 2, 1, 0, 0],
    ]


def test_a_liaison_s_summary_counts_only_the_projects_of_the_cadres_their_unit_sent(county, liaison):
    # The page is for staff only; the summary itself reads through what the user sees.
    assert client_for(liaison).get(reverse("oversight:summary")).status_code == 404
    summary = county_summary(liaison, SINCE)
    assert summary.projects.total == 3
    assert summary.projects.by_role == {"leads": 1, "carries": 1, "takes_part": 1}
    said = "\n".join(summary.projects.paragraphs)
    assert "张国华" in said and "李四" not in said and "青山镇工业集中区" not in said
    assert [row[0] for row in summary.projects.table.rows] == ["县财政局", "合计"]


def test_projects_of_a_term_begun_before_the_year_are_not_counted(
    county, officer, make_secondment, make_cadre, make_post, project
):
    old = make_secondment(
        make_cadre("赵六", birth_date=D(1979, 7, 7)),
        "in_post",
        post=make_post(title="副主任"),
        start=D(SINCE - 1, 3, 1),
        months=72,
    )
    project(old, "老城改造")
    assert county_summary(officer, SINCE).projects.total == 6
    assert county_summary(officer, SINCE - 1).projects.total == 7
    assert (
        "赵六同志在县财政局挂职期间，主持“老城改造”招商引资工作。"
        in county_summary(officer, SINCE - 1).projects.paragraphs
    )


def test_with_no_project_led_or_carried_the_report_says_so(
    officer, make_secondment, make_cadre, post, project
):
    term = make_secondment(make_cadre("钱七"), "in_post", post=post, start=days_ago(30))
    project(term, "社区治理", kind="other", role="takes_part")
    summary = county_summary(officer, SINCE)
    assert _part(summary, "主持承担项目情况").paragraphs == ["尚无挂职干部主持、承担项目的记录。"]
    assert _part(summary, "主持承担项目情况").tables == []
    assert summary.projects.contract()["total"] == 1


def test_a_project_of_another_kind_is_said_without_a_kind_and_its_own_quotes_nest(
    officer, make_secondment, make_cadre, post, project
):
    term = make_secondment(make_cadre("孙八"), "in_post", post=post, start=days_ago(30))
    project(term, "“四下基层”调研", kind="other", role="carries")
    project(term, "“智慧水务”", kind="other", role="leads")
    assert county_summary(officer, SINCE).projects.paragraphs[1] == (
        "孙八同志在县财政局挂职期间，主持“智慧水务”工作，承担“‘四下基层’调研”工作。"
    )


def test_summary_report_json_counts_the_projects_and_keeps_every_key(county, capsys):
    call_command("summary_report", "--since", str(SINCE), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["projects"] == {
        "total": 6,
        "by_kind": {"investment": 1, "construction": 2, "livelihood": 1, "reform": 2, "other": 0},
        "by_role": {"leads": 1, "carries": 3, "takes_part": 2},
    }
    assert {
        "since",
        "received",
        "serving",
        "placements",
        "median_days_to_first_post",
        "specialty_match",
        "talks",
        "tables",
        "selection",
    } < set(data)
    assert data["received"]["total"] == 3 and data["serving"]["count"] == 3
    assert data["tables"]["projects_by_unit"]["rows"][-1] == ["合计", 4, 1, 2, 1, 0, 0]


def test_the_summary_page_runs_the_same_queries_however_many_projects(
    officer_client, make_secondment, make_cadre, make_post, project
):
    def add(index):
        term = make_secondment(
            make_cadre(f"张{index}", birth_date=D(1970 + index, 1, 1)),
            "in_post",
            post=make_post(title=f"岗位{index}"),
            start=days_ago(30 + index),
        )
        project(term, f"项目{index}甲")
        project(term, f"项目{index}乙", kind="construction", role="carries")
        project(term, f"项目{index}丙", kind="reform", role="takes_part")

    add(0)
    with CaptureQueriesContext(connection) as one:
        officer_client.get(reverse("oversight:summary"), {"since": SINCE})
    for index in range(1, 20):
        add(index)
    with CaptureQueriesContext(connection) as twenty:
        response = officer_client.get(reverse("oversight:summary"), {"since": SINCE})
    assert "张19同志" in response.content.decode()
    assert len(one) == len(twenty)
