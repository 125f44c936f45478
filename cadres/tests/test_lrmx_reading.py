import datetime

import pytest

from cadres.lrmx import LrmxRefused, read_lrmx
from cadres.tests.lrmx_samples import BIRTH, ID_NUMBER, lrmx
from cadres.tests.photo_helpers import jpeg_bytes


def test_a_file_from_the_editing_software_gives_every_fact_of_the_form():
    record = read_lrmx(lrmx())
    fields = record.fields
    assert fields["name"] == "周文博"
    assert fields["gender"] == "male"
    assert fields["birth_date"] == BIRTH  # the day is taken from the ID number, which agrees on the month
    assert fields["id_number"] == ID_NUMBER
    assert fields["ethnicity"] == "01"
    assert (fields["birthplace"], fields["place_of_birth"], fields["health"]) == (
        "湖南长沙",
        "湖南湘潭",
        "健康",
    )
    assert fields["political_status"] == "01"
    assert fields["party_join_date"] == datetime.date(2003, 6, 1)
    assert fields["work_start_date"] == datetime.date(2004, 7, 1)
    assert (fields["education"], fields["degree"], fields["school"]) == (
        "undergraduate",
        "bachelor",
        "湖南大学经济学院财政学专业",
    )
    assert (fields["inservice_education"], fields["inservice_degree"], fields["inservice_school"]) == (
        "postgraduate",
        "master",
        "中央党校经济管理专业",
    )
    assert fields["professional_title"] == "经济师"
    assert fields["resume"].splitlines()[1] == "2004.07--  省财政厅工作"
    assert fields["rewards"] == "2019年获评全省财政系统先进个人"
    assert fields["annual_appraisals"] == "2022年度考核称职，2023年度考核优秀"
    assert record.current_position == "省财政厅预算处副处长"
    assert record.specialty_text == "财政金融、乡村振兴"
    assert [(m["relation"], m["name"], m["birth_date"]) for m in record.family] == [
        ("妻子", "李娟", datetime.date(1983, 3, 1)),
        ("儿子", "周子涵", datetime.date(2010, 8, 1)),
    ]
    assert record.photo == jpeg_bytes()
    assert record.warnings == []


@pytest.mark.parametrize(
    ("text", "status", "joined"),
    [
        ("200306", "01", datetime.date(2003, 6, 1)),
        ("民盟", "05", None),
        ("无党派人士", "12", None),
        ("", "13", None),
    ],
)
def test_the_political_status_follows_from_the_date_joined_the_party(text, status, joined):
    fields = read_lrmx(lrmx(RuDangShiJian=text)).fields
    assert (fields["political_status"], fields["party_join_date"]) == (status, joined)


def test_a_file_that_is_not_xml_is_refused_with_the_reason():
    with pytest.raises(LrmxRefused, match="XML"):
        read_lrmx(b"\x89PNG this is a picture, not a form")


def test_a_file_without_a_person_root_is_refused():
    with pytest.raises(LrmxRefused, match="Person"):
        read_lrmx(b'<?xml version="1.0"?><Cadre><XingMing>A</XingMing></Cadre>')


def test_a_file_without_a_name_is_refused():
    with pytest.raises(LrmxRefused, match="XingMing"):
        read_lrmx(lrmx(XingMing=""))


def test_a_wrong_id_check_digit_is_refused_and_named():
    wrong = ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1")
    with pytest.raises(LrmxRefused, match="校验码"):
        read_lrmx(lrmx(ShenFenZheng=wrong))


def test_an_unreadable_photograph_is_dropped_with_a_warning_and_the_rest_is_read():
    record = read_lrmx(lrmx(photo=b"GIF89a not a jpeg"))
    assert record.photo is None
    assert record.fields["name"] == "周文博"
    assert any("照片" in warning for warning in record.warnings)


def test_a_photograph_that_is_not_base64_is_dropped_with_a_warning():
    record = read_lrmx(lrmx().replace(b"<ZhaoPian>", b"<ZhaoPian>!!!"))
    assert record.photo is None
    assert record.warnings


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(settings):
    settings.GUAZHI = {**settings.GUAZHI, "LRMX_MAX_BYTES": 1000}
    with pytest.raises(LrmxRefused, match="1000"):
        read_lrmx(lrmx())


def test_entity_expansion_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Person><XingMing>&b;</XingMing></Person>'
    )
    with pytest.raises(LrmxRefused, match="实体"):
        read_lrmx(bomb)


def test_an_external_entity_is_refused():
    probe = (
        b'<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<Person><XingMing>&x;</XingMing></Person>"
    )
    with pytest.raises(LrmxRefused, match="实体"):
        read_lrmx(probe)


def test_months_written_with_a_dot_or_a_day_are_read_as_months():
    fields = read_lrmx(
        lrmx(CanJiaGongZuoShiJian="2004.07", ShenFenZheng="", ChuShengNianYue="19810709")
    ).fields
    assert fields["work_start_date"] == datetime.date(2004, 7, 1)
    assert fields["birth_date"] == datetime.date(1981, 7, 1)


def test_an_education_word_outside_the_list_is_kept_in_a_warning_rather_than_refused():
    record = read_lrmx(lrmx(QuanRiZhiJiaoYu_XueLi="党校"))
    assert record.fields["education"] == ""
    assert any("党校" in warning for warning in record.warnings)


def test_a_file_saved_in_gb2312_by_an_older_writer_is_read():
    text = lrmx().decode("utf-8").replace('encoding="utf-8"', 'encoding="gb2312"')
    record = read_lrmx(text.encode("gb18030"))
    assert record.fields["name"] == "周文博"
    assert record.family[0]["name"] == "李娟"
