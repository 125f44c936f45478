"""The roster pages: upload, preview, confirm, the template, the marked workbook and the export."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments.models import Secondment
from assignments.roster.columns import HEADERS
from assignments.roster.uploads import UPLOAD_DIR
from cadres.models import Cadre
from conftest import client_for, make_id_number

from .roster_helpers import read_rows, roster_row, workbook_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(sending_unit, unit_a, specialty):
    return unit_a


def upload(client, rows, *, name="花名册.xlsx", create_units=False, content=None):
    data = {"file": SimpleUploadedFile(name, content if content is not None else workbook_bytes(rows))}
    if create_units:
        data["create_units"] = "on"
    return client.post(reverse("assignments:roster_import"), data)


def test_staff_upload_see_the_preview_and_confirm_the_import(officer, officer_client, world, media):
    response = upload(officer_client, [roster_row(1), roster_row(2), roster_row(3)])
    assert response.status_code == 302
    preview = officer_client.get(response.url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "检查通过" in html and "确认导入" in html
    assert preview.context["counts"]["cadres"].created == 3
    assert [row.name for row in preview.context["rows"]] == ["干部0001", "干部0002", "干部0003"]
    assert not Cadre.objects.exists()

    token = preview.context["token"]
    done = officer_client.post(reverse("assignments:roster_confirm", args=[token]), follow=True)
    assert done.redirect_chain[-1][0] == reverse("assignments:secondment_list")
    assert "花名册已导入" in done.content.decode() and "干部：新增3人" in done.content.decode()
    assert Secondment.objects.count() == 3
    assert all(event.actor == officer for s in Secondment.objects.all() for event in s.events.all())
    assert not list((media / UPLOAD_DIR).iterdir())
    again = officer_client.post(reverse("assignments:roster_confirm", args=[token]))
    assert again.status_code == 404


def test_the_preview_names_every_problem_by_row_and_column_and_offers_no_confirm(officer_client, world):
    rows = [roster_row(1), roster_row(2, 挂职开始="2025-13-01"), roster_row(3, 性别="X")]
    preview = officer_client.get(upload(officer_client, rows).url)
    html = preview.content.decode()
    assert [str(error) for error in preview.context["check"].errors] == [
        "第3行 挂职开始: 请输入日期，例如 2024-03-01、2024.03.01 或 2024年3月1日。",
        "第4行 性别: “X”不在可选范围内（男、女）。",
    ]
    assert "第3行" in html and "挂职开始" in html and "第4行" in html
    assert "确认导入" not in html
    assert reverse("assignments:roster_errors", args=[preview.context["token"]]) in html
    refused = officer_client.post(
        reverse("assignments:roster_confirm", args=[preview.context["token"]]), follow=True
    )
    assert "未能再次通过检查" in refused.content.decode()
    assert not Cadre.objects.exists()


def test_the_workbook_comes_back_with_a_problem_column(officer_client, world):
    rows = [roster_row(1), roster_row(2, 性别="X")]
    token = officer_client.get(upload(officer_client, rows).url).context["token"]
    response = officer_client.get(reverse("assignments:roster_errors", args=[token]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    marked = read_rows(io.BytesIO(b"".join(response.streaming_content)))
    assert marked[0][-1] == "错误信息"
    assert marked[1][-1] is None
    assert marked[2][-1] == "性别: “X”不在可选范围内（男、女）。"


def test_a_corrected_error_workbook_imports(officer_client, world):
    rows = [roster_row(1), roster_row(2, 性别="X")]
    token = officer_client.get(upload(officer_client, rows).url).context["token"]
    response = officer_client.get(reverse("assignments:roster_errors", args=[token]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    workbook.active.cell(row=3, column=HEADERS.index("性别") + 1, value="男")
    fixed = io.BytesIO()
    workbook.save(fixed)
    preview = officer_client.get(upload(officer_client, [], content=fixed.getvalue()).url)
    assert preview.context["check"].ok


def test_a_bad_file_is_named_at_the_field_and_nothing_is_kept(officer_client, world, media):
    response = upload(officer_client, [], name="花名册.csv", content="姓名,性别\n".encode())
    assert response.status_code == 200
    assert "这不是电子表格文件" in response.context["form"].errors["file"][0]
    assert not (media / UPLOAD_DIR).exists()


def test_missing_headers_are_named_at_the_field(officer_client, world):
    headers = [h for h in HEADERS if h != "派出单位"]
    response = upload(officer_client, [], content=workbook_bytes([roster_row(1)], headers))
    assert "工作表缺少必需的列：派出单位。" in response.context["form"].errors["file"][0]


def test_units_not_on_file_are_created_only_when_asked(officer_client, world):
    row = roster_row(1, 挂职单位="白石乡", 挂任职务="副乡长")
    refused = officer_client.get(upload(officer_client, [row]).url)
    assert "系统中没有单位“白石乡”" in str(refused.context["check"].errors[0])
    accepted = officer_client.get(upload(officer_client, [row], create_units=True).url)
    assert accepted.context["check"].ok and accepted.context["counts"]["units"].created == 1


def test_importing_the_same_roster_again_says_nothing_would_change(officer_client, world):
    rows = [roster_row(1)]
    token = officer_client.get(upload(officer_client, rows).url).context["token"]
    officer_client.post(reverse("assignments:roster_confirm", args=[token]))
    html = officer_client.get(upload(officer_client, rows).url).content.decode()
    assert "导入不会有任何改动" in html and "确认导入" not in html


def test_another_session_cannot_see_or_confirm_an_upload(officer, officer_client, world):
    token = officer_client.get(upload(officer_client, [roster_row(1)]).url).context["token"]
    colleague = client_for(officer)
    assert colleague.get(reverse("assignments:roster_preview", args=[token])).status_code == 404
    assert colleague.post(reverse("assignments:roster_confirm", args=[token])).status_code == 404
    assert not Cadre.objects.exists()


def test_cancelling_discards_the_stored_file(officer_client, world, media):
    token = officer_client.get(upload(officer_client, [roster_row(1)]).url).context["token"]
    assert list((media / UPLOAD_DIR).iterdir())
    response = officer_client.post(reverse("assignments:roster_cancel", args=[token]))
    assert response.url == reverse("assignments:roster_import")
    assert not list((media / UPLOAD_DIR).iterdir())
    assert officer_client.get(reverse("assignments:roster_preview", args=[token])).status_code == 404


def test_the_template_has_headers_an_example_row_and_notes_with_the_allowed_values(officer_client, world):
    response = officer_client.get(reverse("assignments:roster_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    roster, notes = workbook.worksheets
    assert (roster.title, notes.title) == ("花名册", "填写说明")
    rows = list(roster.iter_rows(values_only=True))
    assert rows[0] == HEADERS and len(rows) == 2 and rows[1][0] == "张三"
    values = [cell for row in notes.iter_rows(values_only=True) for cell in row if cell]
    for expected in (
        "中共党员",
        "大学本科",
        "副处",
        "四级调研员",
        "财政金融",
        "省财政厅",
        "县财政局",
        "2023年3月1日",
    ):
        assert any(expected in str(value) for value in values), expected
    assert roster.data_validations.dataValidation


def test_the_unchanged_template_uploaded_as_it_is_has_no_rows(officer_client, world):
    template = officer_client.get(reverse("assignments:roster_template"))
    response = upload(officer_client, [], content=b"".join(template.streaming_content))
    assert "没有数据（模板中的示例行不会导入）" in response.context["form"].errors["file"][0]


def test_the_import_page_shows_the_columns_and_the_template_link(officer_client, world):
    html = officer_client.get(reverse("assignments:roster_import")).content.decode()
    assert reverse("assignments:roster_template") in html
    for header in ("姓名", "身份证号", "实际结束"):
        assert header in html


def test_the_list_offers_the_import_to_staff_and_the_export_to_everyone(
    officer_client, leader_a, placed_in_a
):
    staff_html = officer_client.get(reverse("assignments:secondment_list")).content.decode()
    assert reverse("assignments:roster_import") in staff_html and "导出Excel" in staff_html
    leader_html = client_for(leader_a).get(reverse("assignments:secondment_list")).content.decode()
    assert reverse("assignments:roster_import") not in leader_html and "导出Excel" in leader_html


def _export(client, query: str = "") -> list[tuple]:
    response = client.get(reverse("assignments:roster_export") + query)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return read_rows(io.BytesIO(b"".join(response.streaming_content)))


def test_staff_export_the_filtered_list_with_personal_data_whole(
    officer_client, placed_in_a, make_secondment, make_cadre
):
    make_secondment(make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3)), "expected")
    rows = _export(officer_client, "?status=in_post")
    assert rows[0] == HEADERS and len(rows) == 2
    values = dict(zip(HEADERS, rows[1], strict=True))
    assert values["姓名"] == placed_in_a.cadre.name
    assert values["身份证号"] == placed_in_a.cadre.id_number
    assert len(_export(officer_client)) == 3


def test_the_export_leaves_out_a_control_character_typed_into_a_field(officer_client, placed_in_a):
    placed_in_a.assignments.update(duties="招商\x07引资")
    values = dict(zip(HEADERS, _export(officer_client)[1], strict=True))
    assert values["分管工作"] == "招商引资"


def test_a_leader_exports_only_their_unit_with_id_numbers_and_phones_masked(leader_a, leader_b, placed_in_a):
    cadre = placed_in_a.cadre
    cadre.phone = "13812345678"
    cadre.save()
    rows = _export(client_for(leader_a))
    values = dict(zip(HEADERS, rows[1], strict=True))
    assert values["身份证号"] == cadre.id_number[:6] + "********" + cadre.id_number[-4:]
    assert values["联系电话"] == "138****5678"
    assert _export(client_for(leader_b)) == [HEADERS]


def test_the_export_takes_the_same_number_of_queries_for_1_row_as_for_20(
    officer_client, make_secondment, make_cadre, make_post
):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            _export(officer_client)
        return len(captured)

    post = make_post(quota=30)
    make_secondment(make_cadre("干部00", birth_date=datetime.date(1980, 1, 1)), "in_post", post=post)
    one = count()
    for n in range(1, 20):
        birth = datetime.date(1980, 1, 1 + n)
        make_secondment(
            make_cadre(f"干部{n:02d}", birth_date=birth, id_number=make_id_number(birth, serial=n)),
            "in_post",
            post=post,
        )
    assert count() == one
