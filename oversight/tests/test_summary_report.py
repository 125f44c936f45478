"""The county summary against a hand-built county, with its edge cases."""

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

from assignments import services
from assignments.models import Assignment, Talk
from cadres.models import Unit
from conftest import TODAY
from oversight.summary import county_summary

D = datetime.date
# The county's history is told in years before this one; SINCE is the year the report starts from.
Y = TODAY.year
SINCE = Y - 8


@pytest.fixture
def county(make_cadre, make_post, officer, sending_unit, specialty):
    """
    With SINCE eight years ago (Y is this year):
    张国华: seconded twice (Y-8 to Y-6 completed, Y-3 on and serving); division level.
    李明轩: began Y-9, before the chosen year, and is still serving.
    王静怡: began Y-7, ended early; section level.
    赵丽娟: began Y-2, no level (other), waiting for a post.
    """
    municipal = Unit.objects.create(name="市商务局", tier="municipal", sends=True)
    finance = make_post(title="副局长", specialties=[specialty], quota=2)
    assistant = make_post(title="局长助理")

    def term(cadre, start, end, sender=sending_unit):
        return services.register_secondment(
            cadre=cadre, sending_unit=sender, term_start=start, term_end=end, actor=officer
        )

    zhang = make_cadre("张国华", specialties=[specialty])
    first = term(zhang, D(Y - 8, 3, 1), D(Y - 6, 2, 28))
    services.report_arrival(secondment=first, reported_on=D(Y - 8, 3, 1), actor=officer)
    services.assign(secondment=first, post=finance, start_date=D(Y - 8, 3, 11), actor=officer)
    services.start_review(secondment=first, actor=officer, today=D(Y - 6, 2, 1))
    services.complete_secondment(secondment=first, end_date=D(Y - 6, 2, 28), actor=officer)
    second = term(zhang, D(Y - 3, 3, 1), D(Y + 1, 2, 28))
    services.report_arrival(secondment=second, reported_on=D(Y - 3, 3, 2), actor=officer)
    services.assign(
        secondment=second, post=finance, start_date=D(Y - 3, 3, 6), duties="预算绩效", actor=officer
    )

    li = make_cadre("李明轩", birth_date=D(1982, 9, 3))
    old = term(li, D(Y - 9, 6, 1), D(Y + 1, 5, 31))
    services.report_arrival(secondment=old, reported_on=D(Y - 9, 6, 1), actor=officer)
    services.assign(
        secondment=old, post=assistant, start_date=D(Y - 9, 6, 21), duties="招商引资", actor=officer
    )

    wang = make_cadre("王静怡", gender="female", birth_date=D(1986, 1, 22), leadership_level="section_head")
    early = term(wang, D(Y - 7, 9, 1), D(Y - 5, 8, 31), sender=municipal)
    services.report_arrival(secondment=early, reported_on=D(Y - 7, 9, 1), actor=officer)
    services.assign(secondment=early, post=finance, start_date=D(Y - 7, 9, 5), actor=officer)
    services.end_early(secondment=early, end_date=D(Y - 6, 1, 10), reason="原单位召回", actor=officer)

    zhao = make_cadre("赵丽娟", gender="female", birth_date=D(1990, 12, 5), leadership_level="", grade="")
    waiting = term(zhao, D(Y - 2, 5, 1), D(Y, 4, 30), sender=municipal)
    services.report_arrival(secondment=waiting, reported_on=D(Y - 2, 5, 2), actor=officer)
    Talk.objects.create(
        secondment=second, date=D(Y - 3, 3, 2), kind="arrival", talker="组织部", talker_role="org_department"
    )
    return {"second": second}


def test_received_counts_secondments_since_the_year_by_level_with_names(county, officer):
    summary = county_summary(officer, SINCE, today=TODAY)
    assert summary.received == 4
    assert summary.by_level["division"].names == ["张国华", "张国华"]
    assert summary.by_level["section"].names == ["王静怡"]
    assert summary.by_level["other"].names == ["赵丽娟"]


def test_a_term_begun_before_the_year_is_not_received_but_is_still_serving(county, officer):
    summary = county_summary(officer, SINCE, today=TODAY)
    assert "李明轩" not in summary.by_level["division"].names
    assert summary.serving.names == ["李明轩", "张国华"]


def test_an_early_end_is_received_but_not_serving(county, officer):
    summary = county_summary(officer, SINCE + 1, today=TODAY)
    assert summary.received == 3
    assert "王静怡" not in summary.serving.names


def test_a_summary_for_someone_who_sees_part_of_the_county_counts_only_that_part(county, liaison):
    summary = county_summary(liaison, SINCE, today=TODAY)
    assert summary.received == 2
    assert summary.by_level["division"].names == ["张国华", "张国华"]
    assert summary.by_level["section"].names == []
    assert summary.serving.names == ["李明轩", "张国华"]
    assert summary.specialty_match == (2, 2)
    assert summary.talks[0] == 1


def test_the_paragraph_reads_like_the_county_s_report(county, officer):
    text = county_summary(officer, SINCE, today=TODAY).paragraphs()
    assert text[0].startswith(
        f"自{SINCE}年以来，我县先后接收省、市委组织部门安排的下派挂职干部4名，其中：处级干部2名，"
        "分别是：省财政厅下派的挂职干部张国华（挂任县财政局副局长）、省财政厅下派的挂职干部张国华（挂任县财政局副局长）；"
        "科级干部1名，分别是：市商务局下派的挂职干部王静怡（挂任县财政局副局长）；"
        "其他干部1名，分别是：市商务局下派的挂职干部赵丽娟；"
    )
    assert (
        "目前在任的尚有2名，分别是：省财政厅下派的挂职干部李明轩（挂任县财政局局长助理）、"
        "省财政厅下派的挂职干部张国华（挂任县财政局副局长）。"
    ) in text[0]
    assert "省财政厅下派的挂职干部张国华，挂任县财政局副局长，分管预算绩效。" in text


def test_a_term_that_has_not_begun_is_not_yet_received(county, officer, make_cadre, sending_unit):
    coming = services.register_secondment(
        cadre=make_cadre("孙立新", birth_date=D(1984, 2, 2)),
        sending_unit=sending_unit,
        term_start=TODAY + datetime.timedelta(days=10),
        term_end=D(Y + 2, 12, 31),
        actor=officer,
    )
    summary = county_summary(officer, SINCE, today=TODAY)
    assert summary.received == 4
    assert "孙立新" not in summary.by_level["division"].names
    assert sum(row[1] for row in summary.tables[0].rows) == 4  # the tables count the same terms
    assert coming.status == "expected"


def test_names_on_the_same_day_and_the_placement_sentences_follow_one_order(
    officer, make_cadre, make_post, sending_unit
):
    post = make_post(title="副局长", quota=3)
    for name, birth in (("李四", D(1980, 1, 1)), ("张三", D(1981, 1, 1)), ("王五", D(1982, 1, 1))):
        term = services.register_secondment(
            cadre=make_cadre(name, birth_date=birth),
            sending_unit=sending_unit,
            term_start=D(Y - 1, 3, 1),
            term_end=D(Y + 1, 2, 28),
            actor=officer,
        )
        services.report_arrival(secondment=term, reported_on=D(Y - 1, 3, 1), actor=officer)
        services.assign(secondment=term, post=post, start_date=D(Y - 1, 3, 2), actor=officer)
    summary = county_summary(officer, Y - 1, today=TODAY)
    assert summary.serving.names == sorted(["李四", "张三", "王五"])
    assert [p.name for p in summary.placements] == summary.serving.names


def test_a_level_with_nobody_is_said_plainly(officer, make_cadre, sending_unit):
    term = services.register_secondment(
        cadre=make_cadre("赵丽娟", gender="female", birth_date=D(1990, 12, 5), leadership_level="", grade=""),
        sending_unit=sending_unit,
        term_start=D(Y - 2, 5, 1),
        term_end=D(Y, 4, 30),
        actor=officer,
    )
    assert term.status == "expected"
    text = county_summary(officer, Y - 2, today=TODAY).paragraphs()[0]
    assert text == (
        f"自{Y - 2}年以来，我县先后接收省、市委组织部门安排的下派挂职干部1名，其中：处级干部0名；科级干部0名；"
        "其他干部1名，分别是：省财政厅下派的挂职干部赵丽娟；目前已无在任的挂职干部。"
    )
    assert county_summary(officer, Y, today=TODAY).paragraphs()[0] == (
        f"自{Y}年以来，我县尚未接收省、市委组织部门安排的下派挂职干部；目前已无在任的挂职干部。"
    )


def test_the_indicators_are_computed_from_the_placements(county, officer):
    summary = county_summary(officer, SINCE, today=TODAY)
    # reporting to first post: 10, 4 and 4 days
    assert summary.median_days_to_post == 4
    # 张国华 twice in a post wanting 财政金融 (he has it); 王静怡 once (she has not)
    assert summary.specialty_match == (2, 3)
    held, due = summary.talks
    assert held == 1 and due > 3


def test_the_tables_count_by_tier_sending_unit_receiving_unit_and_year(county, officer):
    tables = {t.key: t for t in county_summary(officer, SINCE, today=TODAY).tables}
    assert [row[:2] for row in tables["by_tier"].rows] == [["省直单位", 2], ["市直单位", 2]]
    assert [row[0] for row in tables["by_year"].rows] == [Y - 8, Y - 7, Y - 3, Y - 2]
    assert tables["by_receiving_unit"].rows[0][:2] == ["县财政局", 3]


def test_the_page_escapes_what_was_typed_into_the_paragraphs(county, officer_client):
    county["second"].assignments.filter(end_date=None).update(duties="<script>alert(1)</script>")
    html = officer_client.get(reverse("oversight:summary"), {"since": SINCE}).content.decode()
    assert "分管&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_summary_report_json_follows_the_contract(county, capsys):
    call_command("summary_report", "--since", str(SINCE), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["since"] == SINCE
    assert data["received"]["total"] == 4
    assert data["received"]["division"] == {"count": 2, "names": ["张国华", "张国华"]}
    assert data["received"]["section"]["count"] == 1
    assert data["received"]["other"]["names"] == ["赵丽娟"]
    assert data["serving"] == {"count": 2, "names": ["李明轩", "张国华"]}
    # DESIGN lets the contract grow, never change: every key stays, and the projects are counted.
    assert {"since", "received", "serving", "placements", "tables", "selection", "projects"} <= set(data)
    assert data["projects"] == {
        "total": 0,
        "by_kind": {"investment": 0, "construction": 0, "livelihood": 0, "reform": 0, "other": 0},
        "by_role": {"leads": 0, "carries": 0, "takes_part": 0},
    }


def test_summary_report_without_json_prints_the_paragraphs(county, capsys):
    call_command("summary_report", "--since", str(SINCE))
    out = capsys.readouterr().out
    assert f"自{SINCE}年以来" in out
    assert "分别是：省财政厅下派的挂职干部张国华（挂任县财政局副局长）" in out


def test_the_page_and_the_command_agree(county, officer_client, capsys):
    call_command("summary_report", "--since", str(SINCE), "--json")
    data = json.loads(capsys.readouterr().out)
    on_page = (
        officer_client.get(reverse("oversight:summary"), {"since": SINCE}).context["summary"].as_contract()
    )
    # The command reports as the server's operator, who has no alerts of their own to list.
    del on_page["tables"]["units_with_most_alerts"]
    assert on_page == data


def test_the_word_document_has_the_heading_paragraphs_and_tables(county, officer_client):
    response = officer_client.get(reverse("oversight:summary_docx"), {"since": SINCE})
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"自{SINCE}年以来" in text
    assert len(document.tables) >= 5


def test_the_workbook_has_one_sheet_per_table(county, officer_client):
    response = officer_client.get(reverse("oversight:summary_xlsx"), {"since": SINCE})
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "概述"
    assert "按派出单位类别" in workbook.sheetnames


def test_the_files_leave_out_control_characters_and_never_hold_a_formula(county, officer_client):
    Assignment.objects.filter(secondment=county["second"]).update(duties="预算\x07绩效")
    Unit.objects.filter(name="市商务局").update(name='=HYPERLINK("http://example.org")')
    document = Document(
        io.BytesIO(officer_client.get(reverse("oversight:summary_docx"), {"since": SINCE}).content)
    )
    assert "分管预算绩效" in "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[-1].text == f"数据截至{TODAY.year}年{TODAY.month}月{TODAY.day}日。"
    response = officer_client.get(reverse("oversight:summary_xlsx"), {"since": SINCE})
    workbook = load_workbook(io.BytesIO(response.content))
    senders = [row[0] for row in workbook["按派出单位"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://example.org")' in senders
    assert all(cell.data_type != "f" for sheet in workbook for row in sheet.iter_rows() for cell in row)


def test_a_bad_year_is_explained_and_the_earliest_is_used(county, officer_client):
    response = officer_client.get(reverse("oversight:summary"), {"since": "二〇一九"})
    assert response.status_code == 200
    assert "请输入" in response.content.decode()
    assert response.context["summary"].since == Y - 9


def test_the_summary_runs_the_same_queries_whatever_the_data_size(
    officer_client, make_cadre, make_post, make_secondment
):
    def add(index):
        post = make_post(title=f"岗位{index}")
        make_secondment(make_cadre(f"张{index}", birth_date=D(1970 + index, 1, 1)), "in_post", post=post)

    add(0)
    with CaptureQueriesContext(connection) as one:
        officer_client.get(reverse("oversight:summary"), {"since": Y - 6})
    for index in range(1, 20):
        add(index)
    with CaptureQueriesContext(connection) as twenty:
        officer_client.get(reverse("oversight:summary"), {"since": Y - 6})
    assert len(one) == len(twenty)


def test_the_units_with_the_most_open_alerts_are_listed_for_staff(county, officer):
    tables = {t.key: t for t in county_summary(officer, SINCE).tables}
    alerts = tables["units_with_most_alerts"]
    assert alerts.rows and alerts.rows[0][0] == "县财政局"
    assert alerts.rows[0][2] > 0
