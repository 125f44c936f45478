"""The import_roster service: statuses from dates, posts on the fly, matching, all or nothing."""

import datetime
import io

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from assignments.models import Assignment, ChecklistEntry, Post, Secondment, SecondmentEvent
from assignments.roster import RosterInvalid, check_roster, read_workbook
from assignments.roster import importing as services
from cadres.models import Cadre, Unit
from conftest import make_id_number, months_ago
from guazhi.dates import add_months, long_date, term_end
from guazhi.workflow import TransitionError

from .roster_helpers import ROW_REPORTED, ROW_START, roster_row, workbook_bytes

NO_POST = {"挂职单位": "", "挂任职务": "", "分管工作": ""}
REPORTED = ROW_REPORTED.isoformat()
# The day a row's term ended, where the row says it has.
ENDED_ON = add_months(ROW_START, 7)
ENDED = ENDED_ON.isoformat()


@pytest.fixture(autouse=True)
def roster_world(sending_unit, unit_a, specialty):
    return unit_a


def sheet(rows, name="roster.xlsx"):
    return read_workbook(io.BytesIO(workbook_bytes(rows)), name=name)


def imported(rows, actor=None, **kwargs):
    return services.import_roster(sheet=sheet(rows), actor=actor, **kwargs)


def errors_of(rows, **kwargs) -> list[str]:
    with pytest.raises(RosterInvalid) as invalid:
        imported(rows, **kwargs)
    return [str(error) for error in invalid.value.check.errors]


@pytest.mark.parametrize(
    "dates, status",
    [
        ({"报到日期": "", **NO_POST}, "expected"),
        ({"报到日期": REPORTED, **NO_POST}, "awaiting_post"),
        ({"报到日期": REPORTED}, "in_post"),
        ({"报到日期": ""}, "in_post"),
        ({"实际结束": ENDED}, "completed"),
        ({"实际结束": ENDED, **NO_POST}, "completed"),
    ],
)
def test_the_status_follows_from_the_dates(dates, status):
    imported([roster_row(1, **dates)])
    assert Secondment.objects.get().status == status


def test_a_placement_creates_the_post_and_a_second_holder_grows_its_quota(unit_a):
    imported([roster_row(1), roster_row(2)])
    post = Post.objects.get()
    assert (post.unit, post.title, post.quota, post.status) == (unit_a, "副局长", 2, "open")
    assert post.portfolio == "协助分管预算绩效管理"
    secondment = Secondment.objects.get(cadre__name="干部0001")
    assignment = secondment.assignments.get()
    assert secondment.current_unit == unit_a
    assert assignment.start_date == ROW_REPORTED and assignment.end_date is None


def test_an_existing_post_is_used_and_its_quota_never_shrinks(make_post):
    post = make_post(title="副局长", quota=3)
    imported([roster_row(1)])
    post.refresh_from_db()
    assert Post.objects.count() == 1 and post.quota == 3
    assert Assignment.objects.get().post == post


def test_a_post_made_for_a_placement_that_is_over_is_withdrawn():
    imported([roster_row(1, 实际结束=ENDED)])
    post = Post.objects.get()
    assignment = Assignment.objects.get()
    assert post.status == "withdrawn" and post.quota == 1
    assert assignment.end_date == ENDED_ON
    secondment = Secondment.objects.get()
    assert secondment.end_reason == "term_completed" and secondment.current_unit == post.unit


def test_the_timeline_shows_the_import_marked_as_imported_with_who(officer):
    imported([roster_row(1)], actor=officer)
    events = list(SecondmentEvent.objects.order_by("id"))
    assert [(e.action, e.imported, e.actor) for e in events] == [
        ("import", True, officer),
        ("assign", True, officer),
    ]
    assert events[0].to_status == "in_post" and "roster.xlsx" in events[0].note and "第2行" in events[0].note


def test_history_keeps_who_imported_each_record(officer):
    imported([roster_row(1)], actor=officer)
    cadre = Cadre.objects.get()
    record = cadre.history.get()
    assert record.history_user == officer and record.history_type == "+"
    assert Secondment.objects.get().history.get().history_user == officer
    assert cadre.name_pinyin.startswith("ganbu")


def test_an_imported_open_secondment_gets_the_intake_checklist_from_its_reporting_date():
    imported([roster_row(1, 报到日期=REPORTED)])
    entries = ChecklistEntry.objects.all()
    assert entries.exists()
    assert all(entry.due_on >= ROW_REPORTED for entry in entries)


def test_a_placement_without_a_reporting_date_is_taken_to_have_reported_on_its_first_day():
    began = add_months(ROW_START, -2)
    imported([roster_row(1, 报到日期="", 挂职开始=began.isoformat())])
    secondment = Secondment.objects.get()
    assert secondment.status == "in_post" and secondment.reported_on == began
    assert secondment.assignments.get().start_date == began
    assert ChecklistEntry.objects.filter(secondment=secondment).exists()


def test_a_completed_secondment_gets_no_checklist():
    imported([roster_row(1, 实际结束=ENDED)])
    assert not ChecklistEntry.objects.exists()


def test_a_secondment_on_file_is_updated_not_duplicated_and_never_moved_back(
    make_secondment, make_cadre, post
):
    cadre = make_cadre("张国华", birth_date=datetime.date(1978, 4, 12))
    on_file = make_secondment(cadre, "under_review", post=post)
    row = roster_row(
        1,
        姓名="张国华",
        出生年月="1978.04",
        身份证号=cadre.id_number,
        挂职开始=on_file.term_start.isoformat(),
        挂职结束=on_file.term_end.isoformat(),
        批次="改过的批次",
    )
    check = imported([row])
    on_file.refresh_from_db()
    assert Secondment.objects.count() == 1
    assert on_file.status == "under_review" and on_file.batch == "改过的批次"
    assert check.counts()["secondments"].updated == 1
    assert "批次" in on_file.events.filter(imported=True).get().note


def test_a_new_term_end_for_a_cadre_who_has_reported_is_refused_but_an_expected_one_is_corrected(
    placed_in_a, make_secondment, make_cadre
):
    cadre = placed_in_a.cadre
    later_end = add_months(placed_in_a.term_end, 4)
    moved = roster_row(
        1, 姓名=cadre.name, 出生年月="1980.04", 身份证号=cadre.id_number, 挂职结束=later_end.isoformat()
    )
    (problem,) = errors_of([moved])
    assert problem.startswith("第2行 挂职结束: 系统中该任期")
    placed_in_a.refresh_from_db()
    assert placed_in_a.term_end != later_end
    coming = make_secondment(make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3)), "expected")
    row = roster_row(
        1,
        姓名="李明轩",
        出生年月="1982.09",
        身份证号=coming.cadre.id_number,
        挂职开始=coming.term_start.isoformat(),
        挂职结束=later_end.isoformat(),
        **NO_POST,
    )
    imported([row])
    coming.refresh_from_db()
    assert coming.term_end == later_end


def test_an_actual_end_completes_a_secondment_in_post_and_ends_its_post(placed_in_a):
    cadre = placed_in_a.cadre
    row = roster_row(
        1,
        姓名=cadre.name,
        出生年月="1980.04",
        身份证号=cadre.id_number,
        挂职结束=placed_in_a.term_end.isoformat(),
        实际结束=ENDED,
    )
    imported([row])
    placed_in_a.refresh_from_db()
    assert placed_in_a.status == "completed" and placed_in_a.actual_end == ENDED_ON
    assert placed_in_a.assignments.get().end_date == ENDED_ON
    event = placed_in_a.events.filter(imported=True).get()
    assert (event.from_status, event.to_status) == ("in_post", "completed")


def test_a_post_other_than_the_one_on_file_is_refused(placed_in_a):
    cadre = placed_in_a.cadre
    row = roster_row(
        1,
        姓名=cadre.name,
        出生年月="1980.04",
        身份证号=cadre.id_number,
        挂职结束=placed_in_a.term_end.isoformat(),
        挂任职务="局长助理",
    )
    problems = errors_of([row])
    assert problems == [problems[0]] and problems[0].startswith(
        "第2行 挂职单位: 系统中张国华这段挂职的岗位是"
    )


def test_a_cadre_cannot_end_up_with_two_open_secondments(make_secondment, cadre):
    open_since = months_ago(27)
    make_secondment(cadre, "expected", start=open_since)
    new_start = months_ago(3)
    row = roster_row(
        1,
        姓名=cadre.name,
        出生年月="1980.04",
        身份证号=cadre.id_number,
        挂职开始=new_start.isoformat(),
        挂职结束=term_end(new_start, 24).isoformat(),
        报到日期="",
    )
    assert errors_of([row]) == [
        f"第2行 实际结束: 张国华已有一段{long_date(open_since)}开始、尚未结束的挂职；"
        "请先结束该段挂职（在挂职页面办理，或在花名册中为其填写实际结束日期）。"
    ]


def _term_row(n: int, start: datetime.date, **overrides) -> dict:
    end, reported = term_end(start, 24), start + datetime.timedelta(days=2)
    return roster_row(
        n, 挂职开始=start.isoformat(), 挂职结束=end.isoformat(), 报到日期=reported.isoformat(), **overrides
    )


def test_two_open_terms_of_one_cadre_in_one_file_are_refused():
    earlier = _term_row(1, months_ago(64))
    later_start = months_ago(20)
    later = _term_row(1, later_start)
    problems = errors_of([earlier, later])
    assert problems == [
        f"第2行 实际结束: 干部0001将同时有两段未结束的挂职（本行和{long_date(later_start)}开始的一段）；"
        "请填写本行的实际结束日期。"
    ]
    imported([{**earlier, "实际结束": earlier["挂职结束"]}, later])
    assert list(Secondment.objects.order_by("term_start").values_list("status", flat=True)) == [
        "completed",
        "in_post",
    ]
    assert Cadre.objects.count() == 1


def test_the_same_cadre_and_term_start_twice_in_a_file_is_refused():
    assert errors_of([roster_row(1), roster_row(1)]) == [
        "第3行 挂职开始: 与第2行重复：同一名干部、同一挂职开始日期。"
    ]


def test_rows_with_one_id_number_and_two_names_are_refused():
    first = roster_row(1)
    long_ago = months_ago(76)
    second = roster_row(
        1,
        姓名="别的名字",
        挂职开始=long_ago.isoformat(),
        挂职结束=term_end(long_ago, 24).isoformat(),
        报到日期="",
        实际结束=term_end(long_ago, 24).isoformat(),
    )
    problems = errors_of([first, second])
    assert problems == ["第2行 姓名: 第3行是同一名干部，但其姓名为别的名字。"]


def test_a_known_id_number_with_another_name_is_refused_rather_than_renaming_the_cadre(make_cadre):
    on_file = make_cadre("张国华", birth_date=datetime.date(1978, 4, 12))
    row = roster_row(1, 姓名="曹瑞", 出生年月="1978.04", 身份证号=on_file.id_number)
    assert errors_of([row]) == [
        "第2行 姓名: 该行的身份证号在系统中属于张国华：请核对姓名和身份证号（更名请在干部页面办理）。"
    ]
    on_file.refresh_from_db()
    assert on_file.name == "张国华"


def test_two_cadres_of_one_name_and_month_need_the_id_number(make_cadre):
    make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3))
    make_cadre("李明轩", birth_date=datetime.date(1982, 9, 20))
    row = roster_row(1, 姓名="李明轩", 出生年月="1982.09", 身份证号="")
    assert errors_of([row]) == [
        "第2行 身份证号: 系统中有2名出生年月为1982.09的李明轩，请填写身份证号以确定是哪一位。"
    ]


def test_a_cadre_on_file_without_an_id_number_gets_the_one_the_roster_gives(make_cadre):
    cadre = make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3), id_number="")
    number = make_id_number(datetime.date(1982, 9, 3), serial=77)
    imported([roster_row(1, 姓名="李明轩", 出生年月="1982.09", 身份证号=number)])
    cadre.refresh_from_db()
    assert cadre.id_number == number and Cadre.objects.count() == 1


def test_empty_cells_never_erase_what_is_on_file(make_cadre):
    cadre = make_cadre(
        "李明轩", birth_date=datetime.date(1982, 9, 3), phone="13911112222", home_position="处长"
    )
    row = roster_row(
        1, 姓名="李明轩", 出生年月="1982.09", 身份证号=cadre.id_number, 联系电话="", 原职务="", 专业特长=""
    )
    imported([row])
    cadre.refresh_from_db()
    assert (cadre.phone, cadre.home_position) == ("13911112222", "处长")


def test_a_dry_run_check_writes_nothing():
    check = check_roster(sheet([roster_row(1), roster_row(2)]))
    assert check.ok and check.counts()["cadres"].created == 2
    assert not Cadre.objects.exists() and not Post.objects.exists()


def test_the_database_refusing_the_write_is_a_plain_message_and_nothing_is_left(monkeypatch):
    def refuse(check, actor):
        Cadre.objects.create(
            name="半截",
            gender="male",
            birth_date=datetime.date(1980, 1, 1),
            political_status="01",
            home_unit=Unit.objects.first(),
        )
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(services, "_write_roster", refuse)
    with pytest.raises(TransitionError) as refused:
        imported([roster_row(1)])
    assert "未写入任何数据" in refused.value.message
    assert not Cadre.objects.exists()


def _queries(rows, *, commit: bool) -> tuple[int, int]:
    """(reads and updates, inserts) that checking or importing the rows takes."""
    roster = sheet(rows)
    with CaptureQueriesContext(connection) as captured:
        if commit:
            services.import_roster(sheet=roster)
        else:
            check_roster(roster)
    inserts = sum("INSERT" in query["sql"][:20] for query in captured.captured_queries)
    return len(captured) - inserts, inserts


def test_checking_takes_the_same_number_of_queries_for_10_rows_as_for_50(unit_b):
    ten = _queries([roster_row(n) for n in range(1, 11)], commit=False)
    fifty = _queries([roster_row(n, 挂职单位="青山镇") for n in range(101, 151)], commit=False)
    assert ten == fifty


def test_importing_takes_the_same_number_of_queries_for_10_rows_as_for_50(unit_b):
    ten_reads, ten_inserts = _queries([roster_row(n) for n in range(1, 11)], commit=True)
    fifty_reads, fifty_inserts = _queries(
        [roster_row(n, 挂职单位="青山镇") for n in range(101, 151)], commit=True
    )
    assert ten_reads == fifty_reads
    # Bulk inserts are one statement per table, split only where SQLite's limit on
    # parameters per statement forces a second batch.
    assert ten_inserts <= fifty_inserts <= 2 * ten_inserts
