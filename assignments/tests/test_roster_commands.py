"""The import_roster and export_roster commands, held to the contract in DESIGN.md."""

import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from assignments.models import Assignment, Post, Secondment
from assignments.roster.columns import EXAMPLE_ROW, HEADERS
from cadres.models import Cadre, Specialty, Unit
from conftest import TERM_START, TODAY, make_id_number, months_ago

from .roster_helpers import ROW_START, read_rows, roster_row, write_workbook

ERROR_LINE = re.compile(r"^第\d+行 \S+: .+$")


@pytest.fixture
def roster_world(sending_unit, unit_a, specialty):
    """The units and specialty the default rows name."""
    return {"sending_unit": sending_unit, "unit_a": unit_a, "specialty": specialty}


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_expecting_failure(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(*args, stdout=out, stderr=err)
    return err.getvalue(), str(failure.value)


def test_a_valid_roster_is_imported_and_the_counts_are_printed(tmp_path, roster_world):
    path = write_workbook(
        tmp_path / "roster.xlsx",
        [roster_row(1), roster_row(2), roster_row(3, 挂职单位="", 挂任职务="", 分管工作="")],
    )
    out, err = run("import_roster", str(path))
    assert err == ""
    assert "花名册已导入。" in out
    assert "干部：新增3人，更新0人，未变0人。" in out
    assert "挂职：新增3条，更新0条，未变0条。" in out
    assert "岗位安排：新增2条，更新0条，未变0条。" in out
    assert Cadre.objects.count() == 3 and Secondment.objects.count() == 3 and Assignment.objects.count() == 2


def test_importing_the_same_file_twice_changes_nothing_the_second_time_and_says_so(tmp_path, roster_world):
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(n) for n in range(1, 6)])
    run("import_roster", str(path))
    before = (
        Cadre.history.count(),
        Secondment.history.count(),
        Assignment.history.count(),
        Post.objects.count(),
    )
    out, _err = run("import_roster", str(path))
    assert "没有任何改动" in out
    assert "干部：新增0人，更新0人，未变5人。" in out
    assert "挂职：新增0条，更新0条，未变5条。" in out
    assert "岗位安排：新增0条，更新0条，未变5条。" in out
    after = (
        Cadre.history.count(),
        Secondment.history.count(),
        Assignment.history.count(),
        Post.objects.count(),
    )
    assert after == before


def test_any_invalid_row_lists_every_problem_as_row_and_column_and_writes_nothing(tmp_path, roster_world):
    good = make_id_number(datetime.date(1983, 5, 9))
    rows = [
        roster_row(1),
        roster_row(2, 身份证号=good[:17] + ("0" if good[17] != "0" else "1")),
        roster_row(3),
        roster_row(4, 挂职结束=(ROW_START - datetime.timedelta(days=60)).isoformat(), 政治面貌="党外"),
        roster_row(5, 派出单位="省不存在厅"),
    ]
    path = write_workbook(tmp_path / "roster.xlsx", rows)
    err, summary = run_expecting_failure("import_roster", str(path))
    lines = err.strip().splitlines()
    assert all(ERROR_LINE.match(line) for line in lines), lines
    assert lines[0].startswith("第3行 身份证号: ") and "校验码" in lines[0]
    assert lines[1].startswith("第5行 政治面貌: ") and "党外" in lines[1]
    assert lines[2].startswith("第5行 挂职结束: ")
    assert lines[3].startswith("第6行 派出单位: ") and "省不存在厅" in lines[3]
    assert len(lines) == 4
    assert "4处问题" in summary and "未写入任何数据" in summary
    assert not Cadre.objects.exists() and not Secondment.objects.exists()


def test_an_invalid_row_makes_the_command_exit_with_status_1(tmp_path, roster_world, monkeypatch, capsys):
    # run_from_argv closes every connection when it ends; keep the test's open.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1, 性别="未知")])
    command = load_command_class("assignments", "import_roster")
    with pytest.raises(SystemExit) as exit_status:
        command.run_from_argv(["manage.py", "import_roster", str(path)])
    assert exit_status.value.code == 1
    assert "第2行 性别: " in capsys.readouterr().err


def test_a_dry_run_writes_nothing_and_says_what_would_change(tmp_path, roster_world):
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1), roster_row(2)])
    out, _err = run("import_roster", str(path), "--dry-run")
    assert "试运行" in out and "干部：新增2人" in out
    assert not Cadre.objects.exists() and not Post.objects.exists()


def test_a_unit_not_on_file_is_an_error_unless_units_may_be_created(tmp_path, roster_world):
    row = roster_row(
        1, 派出单位="市交通运输局", 原单位="市交通运输局", 挂职单位="青山镇", 专业特长="财政金融、乡村振兴"
    )
    path = write_workbook(tmp_path / "roster.xlsx", [row])
    err, _summary = run_expecting_failure("import_roster", str(path))
    assert "第2行 原单位: 系统中没有单位“市交通运输局”" in err
    assert "第2行 专业特长: 乡村振兴" in err
    assert "第2行 派出单位: " in err and "第2行 挂职单位: " in err

    out, _err = run("import_roster", str(path), "--create-units")
    assert "单位：新增2个" in out and "专业特长：新增1个" in out
    assert Unit.objects.get(name="市交通运输局").sends
    township = Unit.objects.get(name="青山镇")
    assert township.receives and township.tier == "township"
    assert Specialty.objects.filter(name="乡村振兴").exists()


# A term that began on 1 March three years ago, written every way the contract allows.
WRITTEN_START = datetime.date(TODAY.year - 3, 3, 1)
WAYS_OF_WRITING = {
    "excel date": lambda day: datetime.datetime.combine(day, datetime.time()),
    "dashes": lambda day: f"{day:%Y-%m-%d}",
    "dots": lambda day: f"{day:%Y.%m.%d}",
    "slashes": lambda day: f"{day.year}/{day.month}/{day.day}",
    "chinese": lambda day: f"{day.year}年{day.month}月{day.day}日",
    "month with a dot": lambda day: f"{day:%Y.%m}",
    "chinese month": lambda day: f"{day.year}年{day.month}月",
    "compact": lambda day: f"{day:%Y%m%d}",
    "month as a number": lambda day: float(f"{day:%Y.%m}"),
}


@pytest.mark.parametrize("way", sorted(WAYS_OF_WRITING))
def test_every_date_format_of_the_contract_is_read(tmp_path, roster_world, way):
    written = WAYS_OF_WRITING[way](WRITTEN_START)
    end = datetime.date(WRITTEN_START.year + 2, 2, 28)
    row = roster_row(
        1,
        挂职开始=written,
        挂职结束=f"{end.year}年2月28日",
        报到日期=written,
        挂职单位="",
        挂任职务="",
        分管工作="",
    )
    path = write_workbook(tmp_path / "roster.xlsx", [row])
    run("import_roster", str(path))
    secondment = Secondment.objects.get()
    assert secondment.term_start == WRITTEN_START
    assert secondment.reported_on == WRITTEN_START
    assert secondment.term_end == end


def test_a_birth_month_typed_as_a_number_keeps_its_month(tmp_path, roster_world):
    row = roster_row(1, 出生年月=1980.1, 身份证号="", 性别="女")
    path = write_workbook(tmp_path / "roster.xlsx", [row])
    run("import_roster", str(path))
    assert Cadre.objects.get().birth_date == datetime.date(1980, 10, 1)


def test_common_spellings_of_the_choices_are_accepted(tmp_path, roster_world):
    woman = make_id_number(datetime.date(1986, 1, 22), male=False)
    rows = [
        roster_row(
            1,
            性别="女",
            身份证号=woman,
            出生年月="1986.01",
            政治面貌="党员",
            学历="本科",
            职务层次="正处级",
            民族="汉",
        ),
        roster_row(
            2,
            政治面貌="中国共产党预备党员",
            学历="硕士研究生",
            学位="硕士学位",
            职务层次="副科级",
            职级="一级主任科员",
        ),
    ]
    path = write_workbook(tmp_path / "roster.xlsx", rows)
    run("import_roster", str(path))
    first, second = Cadre.objects.order_by("name")
    assert (
        first.gender,
        first.political_status,
        first.education,
        first.leadership_level,
        first.ethnicity,
    ) == (
        "female",
        "01",
        "undergraduate",
        "division_head",
        "01",
    )
    assert (
        second.political_status,
        second.education,
        second.degree,
        second.leadership_level,
        second.grade,
    ) == (
        "02",
        "postgraduate",
        "master",
        "deputy_section_head",
        "principal_staff_1",
    )


def test_an_unknown_choice_is_named_with_the_allowed_values(tmp_path, roster_world):
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1, 学位="学士后")])
    err, _summary = run_expecting_failure("import_roster", str(path))
    assert err.strip() == "第2行 学位: “学士后”不在可选范围内（博士、硕士、学士、无）。"


def test_gender_and_birth_month_may_be_left_to_the_id_number(tmp_path, roster_world):
    woman = make_id_number(datetime.date(1990, 12, 5), male=False)
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1, 性别="", 出生年月="", 身份证号=woman)])
    run("import_roster", str(path))
    cadre = Cadre.objects.get()
    assert cadre.gender == "female" and cadre.birth_date == datetime.date(1990, 12, 5)


def test_a_gender_or_birth_month_that_contradicts_the_id_number_is_refused(tmp_path, roster_world):
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1, 性别="女", 出生年月="1970.01")])
    err, _summary = run_expecting_failure("import_roster", str(path))
    assert "第2行 性别: 性别与身份证号不符" in err
    assert "第2行 出生年月: " in err


def test_specialties_are_split_on_every_separator_of_the_contract(tmp_path, roster_world):
    for name in ("招商引资", "乡村振兴", "项目建设", "法律", "教育", "信息化"):
        Specialty.objects.create(name=name)
    path = write_workbook(
        tmp_path / "roster.xlsx",
        [roster_row(1, 专业特长="财政金融、招商引资，乡村振兴,项目建设;法律；教育/信息化")],
    )
    run("import_roster", str(path))
    assert Cadre.objects.get().specialties.count() == 7


def test_a_specialty_name_too_long_to_keep_is_named_even_when_creating_what_is_missing(
    tmp_path, roster_world
):
    long_name = "财" * 51
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1, 专业特长=f"财政金融、{long_name}")])
    err, _summary = run_expecting_failure("import_roster", str(path), "--create-units")
    assert f"第2行 专业特长: {long_name}：专业特长名称最多50个字。" in err
    assert not Cadre.objects.exists()


def test_headers_are_matched_by_text_in_any_order_with_extra_columns_and_a_title_row(tmp_path, roster_world):
    headers = ["备注", *reversed(HEADERS), "序号"]
    row = {**roster_row(1), "备注": "无", "序号": 1}
    path = write_workbook(tmp_path / "roster.xlsx", [row], headers, title_rows=[["XX县挂职干部花名册"]])
    run("import_roster", str(path))
    assert Cadre.objects.get().name == "干部0001"


def test_a_cadre_is_matched_by_id_number_else_by_name_and_birth_month(tmp_path, roster_world, make_cadre):
    by_number = make_cadre("张国华", birth_date=datetime.date(1978, 4, 12))
    by_name = make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3), id_number="")
    rows = [
        roster_row(
            1, 姓名="张国华", 出生年月="1978.04", 身份证号=by_number.id_number, 联系电话="13900001111"
        ),
        roster_row(2, 姓名="李明轩", 出生年月="1982.09", 身份证号="", 联系电话="13900002222"),
    ]
    path = write_workbook(tmp_path / "roster.xlsx", rows)
    out, _err = run("import_roster", str(path))
    assert "干部：新增0人，更新2人" in out
    by_number.refresh_from_db()
    by_name.refresh_from_db()
    assert by_number.phone == "13900001111" and by_name.phone == "13900002222"
    assert Secondment.objects.filter(cadre__in=[by_number, by_name]).count() == 2


def test_a_numeric_id_cell_is_refused_because_excel_lost_its_digits(tmp_path, roster_world):
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1, 身份证号=430102198001011234)])
    err, _summary = run_expecting_failure("import_roster", str(path))
    assert "第2行 身份证号: 身份证号被存成了数字" in err


def test_the_template_s_example_row_left_unchanged_is_skipped(tmp_path, roster_world):
    example = {header: EXAMPLE_ROW[header] for header in HEADERS}
    path = write_workbook(tmp_path / "roster.xlsx", [example, roster_row(1)])
    out, _err = run("import_roster", str(path))
    assert "干部：新增1人" in out and "第2行是模板中的示例，未导入。" in out
    assert not Cadre.objects.filter(name="张三").exists()


def _not_a_workbook(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_text("姓名,性别\n张三,男\n", encoding="utf-8")
    return path


def _damaged_xls(tmp_path):
    path = tmp_path / "roster.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    return path


def _damaged_zip(tmp_path):
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return path


def _empty_file(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"")
    return path


def _empty_sheet(tmp_path):
    path = tmp_path / "roster.xlsx"
    openpyxl.Workbook().save(path)
    return path


def _headers_only(tmp_path):
    return write_workbook(tmp_path / "roster.xlsx", [])


def _missing_headers(tmp_path):
    headers = [h for h in HEADERS if h not in ("派出单位", "挂职结束")]
    return write_workbook(tmp_path / "roster.xlsx", [roster_row(1)], headers)


def _no_birth_column(tmp_path):
    headers = [h for h in HEADERS if h not in ("出生年月", "身份证号")]
    return write_workbook(tmp_path / "roster.xlsx", [roster_row(1)], headers)


def _duplicate_header(tmp_path):
    return write_workbook(tmp_path / "roster.xlsx", [roster_row(1)], [*HEADERS, "姓名"])


@pytest.mark.parametrize(
    "make, message",
    [
        (_not_a_workbook, "这不是电子表格文件（.xlsx、.xls 或 .ods）"),
        (_damaged_xls, "文件无法打开：可能已损坏"),
        (_damaged_zip, "无法作为工作簿（.xlsx、.xls 或 .ods）打开"),
        (_empty_file, "文件为空"),
        (_empty_sheet, "第一个工作表没有列名：前10行中应有一行"),
        (_headers_only, "只有列名，没有数据"),
        (_missing_headers, "工作表缺少必需的列：派出单位、挂职结束。"),
        (_no_birth_column, "出生年月或身份证号"),
        (_duplicate_header, "“姓名”列出现了不止一次"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_no_traceback(tmp_path, roster_world, make, message):
    _err, summary = run_expecting_failure("import_roster", str(make(tmp_path)))
    assert message in summary
    assert not Cadre.objects.exists()


def test_a_missing_file_is_named(tmp_path, roster_world):
    _err, summary = run_expecting_failure("import_roster", str(tmp_path / "nowhere.xlsx"))
    assert "找不到文件" in summary


def test_a_file_over_the_size_limit_is_refused(tmp_path, roster_world, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_BYTES": 2048}
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(1)])
    _err, summary = run_expecting_failure("import_roster", str(path))
    assert "超过了2.0\xa0KB的上限" in summary


def test_a_sheet_over_the_row_limit_is_refused(tmp_path, roster_world, settings):
    settings.GUAZHI = {**settings.GUAZHI, "IMPORT_MAX_ROWS": 3}
    path = write_workbook(tmp_path / "roster.xlsx", [roster_row(n) for n in range(1, 5)])
    _err, summary = run_expecting_failure("import_roster", str(path))
    assert "工作表超过3行" in summary


def test_the_export_command_writes_every_secondment_with_personal_data_whole(tmp_path, placed_in_a):
    out, _err = run("export_roster", str(tmp_path / "out.xlsx"))
    assert "已将1条挂职记录导出" in out
    header, row = read_rows(tmp_path / "out.xlsx")
    assert header == HEADERS
    values = dict(zip(header, row, strict=True))
    assert values["身份证号"] == placed_in_a.cadre.id_number
    assert values["挂职单位"] == "县财政局" and values["挂任职务"] == "副局长"
    assert values["挂职开始"] == datetime.datetime.combine(TERM_START, datetime.time())


def test_cells_that_begin_like_a_formula_are_neutralised_and_the_import_restores_them(tmp_path, roster_world):
    row = roster_row(1, 原职务='=HYPERLINK("http://x")', 分管工作="-预算绩效", 任职文号="+1", 批次="@批次")
    run("import_roster", str(write_workbook(tmp_path / "in.xlsx", [row])))
    run("export_roster", str(tmp_path / "out.xlsx"))
    header, exported = read_rows(tmp_path / "out.xlsx")
    values = dict(zip(header, exported, strict=True))
    assert values["原职务"] == '\'=HYPERLINK("http://x")'
    assert values["分管工作"] == "'-预算绩效" and values["任职文号"] == "'+1" and values["批次"] == "'@批次"
    workbook = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert all(cell.data_type != "f" for line in workbook.active.iter_rows() for cell in line)
    out, _err = run("import_roster", str(tmp_path / "out.xlsx"))
    assert "没有任何改动" in out
    assert Cadre.objects.get().home_position == '=HYPERLINK("http://x")'


def test_an_export_imported_into_an_empty_database_reproduces_it(
    tmp_path, make_secondment, make_cadre, make_post, specialty, unit_b
):
    """Round trip: export, empty the database, import with --create-units, export again."""
    with_level = make_cadre(
        "王静怡", gender="female", birth_date=datetime.date(1986, 1, 22), specialties=[specialty]
    )
    make_secondment(with_level, "in_post", post=make_post(title="副局长", quota=2))
    make_secondment(
        make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3), phone="+86 139"), "awaiting_post"
    )
    make_secondment(make_cadre("赵丽娟", gender="female", birth_date=datetime.date(1990, 12, 5)), "expected")
    make_secondment(
        make_cadre(
            "刘建军", birth_date=datetime.date(1975, 11, 8), grade="researcher_2", leadership_level=""
        ),
        "completed",
        post=make_post(unit=unit_b, title="党委副书记"),
        start=months_ago(52),
    )
    run("export_roster", str(tmp_path / "first.xlsx"))

    for model in (Secondment, Assignment):
        model.history.all().delete()
    from assignments.models import ChecklistEntry, SecondmentEvent

    ChecklistEntry.objects.all().delete()
    SecondmentEvent.objects.all().delete()
    Assignment.objects.all().delete()
    Secondment.objects.all().delete()
    Post.objects.all().delete()
    Cadre.objects.all().delete()
    Specialty.objects.all().delete()
    Unit.objects.all().delete()

    out, _err = run("import_roster", str(tmp_path / "first.xlsx"), "--create-units")
    assert "挂职：新增4条" in out
    run("export_roster", str(tmp_path / "second.xlsx"))
    assert read_rows(tmp_path / "second.xlsx") == read_rows(tmp_path / "first.xlsx")
    statuses = dict(Secondment.objects.values_list("cadre__name", "status"))
    assert statuses == {
        "王静怡": "in_post",
        "李明轩": "awaiting_post",
        "赵丽娟": "expected",
        "刘建军": "completed",
    }
