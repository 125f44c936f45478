import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadres.models import Cadre, FamilyMember
from cadres.tests.lrmx_samples import lrmx
from conftest import make_id_number


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def second_cadre() -> bytes:
    number = make_id_number(datetime.date(1985, 3, 4), male=False, serial=44)
    return lrmx(XingMing="孙丽", XingBie="女", ChuShengNianYue="198503", ShenFenZheng=number)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_lrmx", *args, stdout=out, stderr=err)
    except CommandError as error:
        return 1, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def test_a_folder_with_one_broken_file_names_it_imports_nothing_of_it_and_adds_the_others(
    tmp_path, sending_unit
):
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "周文博.lrmx").write_bytes(lrmx())
    (folder / "孙丽.lrmx").write_bytes(second_cadre())
    (folder / "坏文件.lrmx").write_bytes(b"this is not xml")
    status, _out, err = run(str(folder))
    assert status == 1
    assert "坏文件.lrmx" in err and "XML" in err
    assert "周文博.lrmx" not in err
    assert set(Cadre.objects.values_list("name", flat=True)) == {"周文博", "孙丽"}
    assert FamilyMember.objects.filter(cadre__name="周文博").count() == 2
    assert Cadre.objects.get(name="周文博").photo


def test_a_dry_run_checks_every_file_and_writes_nothing(tmp_path, sending_unit):
    path = tmp_path / "周文博.lrmx"
    path.write_bytes(lrmx())
    status, out, err = run(str(path), "--dry-run")
    assert status == 0, err
    assert "1" in out
    assert not Cadre.objects.exists()


def test_a_zip_of_files_is_read_through_the_zip_guard(tmp_path, sending_unit):
    archive = tmp_path / "任免表.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("a/周文博.lrmx", lrmx())
        zipped.writestr("a/孙丽.lrmx", second_cadre())
        zipped.writestr("a/说明.txt", "ignored")
    status, _out, err = run(str(archive))
    assert status == 0, err
    assert Cadre.objects.count() == 2


def test_a_zip_bomb_is_refused_by_name(tmp_path, sending_unit):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("huge.lrmx", b"<" * (60 * 1024 * 1024))
    status, _out, err = run(str(archive))
    assert status == 1
    assert "bomb.zip" in err
    assert not Cadre.objects.exists()


def test_a_file_whose_form_is_invalid_is_refused_with_the_fields_reasons(tmp_path, sending_unit):
    path = tmp_path / "no-unit.lrmx"
    path.write_bytes(lrmx(XianRenZhiWu="某县某局副局长"))
    status, _out, err = run(str(path))
    assert status == 1
    assert "no-unit.lrmx" in err and "原单位" in err
    assert not Cadre.objects.exists()
    assert run(str(path), "--home-unit", sending_unit.name)[0] == 0
    assert Cadre.objects.get().home_unit == sending_unit


def test_a_cadre_already_on_file_is_not_overwritten(tmp_path, sending_unit):
    path = tmp_path / "周文博.lrmx"
    path.write_bytes(lrmx())
    assert run(str(path))[0] == 0
    status, _out, err = run(str(path))
    assert status == 1
    assert "已有" in err
    assert Cadre.objects.count() == 1


def test_a_path_that_does_not_exist_is_named(tmp_path, sending_unit):
    status, _out, err = run(str(tmp_path / "missing.lrmx"))
    assert status == 1 and "missing.lrmx" in err


def test_a_refused_file_leaves_no_unit_or_specialty_it_named(tmp_path, sending_unit):
    from cadres.models import Specialty, Unit

    path = tmp_path / "wrong-gender.lrmx"
    path.write_bytes(lrmx(XingBie="女", ChengBaoDanWei="某县新设单位", ShuXiZhuanYeYouHeZhuanChang="新专长"))
    status, _out, err = run(str(path), "--create-units")
    assert status == 1 and "wrong-gender.lrmx" in err
    assert not Unit.objects.filter(name="某县新设单位").exists()
    assert not Specialty.objects.filter(name="新专长").exists()
