"""A cadre arrives with a 干部任免审批表 file: the officer uploads it on the register page, checks
the form it fills (photograph included), registers the secondment, and exports the file back."""

import base64
import datetime
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from django.urls import reverse

from cadres.models import Cadre
from cadres.tests.lrmx_samples import ID_NUMBER, lrmx
from cadres.tests.photo_helpers import jpeg_bytes
from conftest import TODAY
from guazhi.dates import term_end

from .conftest import log_in, screenshot
from .test_every_page import audit, axe_source  # noqa: F401  (the fixture)

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_lrmx_file_fills_the_register_page_with_its_photograph_and_exports_back_the_same(
    page,
    officer,
    sending_unit,
    tmp_path,
    axe_source,  # noqa: F811
):
    source = tmp_path / "周文博.lrmx"
    source.write_bytes(lrmx())
    log_in(page, "alice")
    page.goto(page.base + reverse("assignments:secondment_register"))
    page.get_by_label("干部任免审批表文件（.lrmx）").set_input_files(str(source))
    page.get_by_role("button", name="读取文件").click()

    page.locator("#id_cadre-name").wait_for()
    assert page.locator("#id_cadre-name").input_value() == "周文博"
    assert page.get_by_label("身份证号").input_value() == ID_NUMBER
    assert page.get_by_label("籍贯").input_value() == "湖南长沙"
    assert page.get_by_label("出生地").input_value() == "湖南湘潭"
    member = page.get_by_label("家庭成员1", exact=True)
    assert member.input_value() == "李娟"
    assert member.is_visible()
    assert member.bounding_box()["width"] > 50  # the table is laid out beside nothing, at full width
    photo = page.get_by_role("img", name="从文件读取的照片")
    photo.wait_for()
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 60
    assert "乡村振兴" in page.content()  # the specialty no entry matches is named for the officer
    screenshot(page, "lrmx-register-filled")
    assert not audit(page, axe_source)

    page.locator("#id_s-sending_unit").select_option(label="省财政厅")
    page.get_by_label("挂职开始").fill(TODAY.isoformat())
    page.get_by_label("挂职结束（计划）").fill(term_end(TODAY, 24).isoformat())
    page.get_by_role("button", name="登记", exact=True).click()
    page.get_by_text("已登记").first.wait_for()

    cadre = Cadre.objects.get()
    assert cadre.photo and cadre.family_members.count() == 2
    page.goto(page.base + cadre.get_absolute_url())
    page.get_by_role("img", name="周文博的照片").wait_for()
    screenshot(page, "lrmx-cadre-page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载任免审批表文件（.lrmx）").click()
    download = download_info.value
    assert download.suggested_filename == "周文博干部任免审批表.lrmx"
    exported = fromstring(Path(download.path()).read_bytes())
    original = fromstring(lrmx())
    for element in (
        "XingMing",
        "XingBie",
        "MinZu",
        "JiGuan",
        "ChuShengDi",
        "ShenFenZheng",
        "JiangChengQingKuang",
        "NianDuKaoHeJieGuo",
        "ZhuanYeJiShuZhiWu",
        "XianRenZhiWu",
    ):
        assert exported.findtext(element) == original.findtext(element), element
    assert exported.findtext("RuDangShiJian") == "200306"
    assert [item.findtext("XingMing") for item in exported.find("JiaTingChengYuan")] == ["李娟", "周子涵"]
    assert base64.b64decode(exported.findtext("ZhaoPian")) == jpeg_bytes()

    page.get_by_role("link", name="打印干部任免审批表").click()
    page.get_by_role("heading", name="干部任免审批表").wait_for()
    assert (
        page.get_by_role("img", name="周文博的照片").evaluate("img => img.complete && img.naturalWidth") == 60
    )
    screenshot(page, "lrmx-approval-form-print")
    assert not audit(page, axe_source)


def test_a_file_for_a_cadre_on_file_changes_only_what_the_officer_ticks(
    page,
    officer,
    sending_unit,
    make_cadre,
    tmp_path,
    axe_source,  # noqa: F811
):
    cadre = make_cadre(
        "周文博", birth_date=datetime.date(1981, 7, 9), id_number=ID_NUMBER, birthplace="湖南益阳"
    )
    source = tmp_path / "周文博.lrmx"
    source.write_bytes(lrmx())
    log_in(page, "alice")
    page.goto(page.base + reverse("cadres:cadre_create"))
    page.get_by_label("干部任免审批表文件（.lrmx）").set_input_files(str(source))
    page.get_by_role("button", name="读取文件").click()
    page.get_by_role("heading", name="文件将对周文博的信息作出的修改").wait_for()
    screenshot(page, "lrmx-compare")
    assert not audit(page, axe_source)
    page.get_by_label("奖惩情况").check()
    page.get_by_role("button", name="将勾选的内容填入表单").click()
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="周文博").wait_for()
    cadre.refresh_from_db()
    assert cadre.rewards == "2019年获评全省财政系统先进个人"
    assert cadre.birthplace == "湖南益阳"  # not ticked: left as it was
    assert not cadre.photo
