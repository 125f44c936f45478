"""A cadre written as a .lrmx file: UTF-8, a ``Person`` root, every fact the record holds.

The elements are those of the national form (see ``reading``); the facts the
form has no element for (phone, family location, wishes, leadership level and
grade) go in elements of their own, which other readers ignore and ours reads
back, so that a file exported and imported again gives the same cadre.
"""

import base64
from xml.etree.ElementTree import Element, SubElement, tostring

from django.utils import timezone

from ..choices import Gender, Grade, LeadershipLevel, PoliticalStatus
from ..models import Cadre
from . import codes
from .reading import EXTRA_ELEMENTS

VERSION = "3.2.1.16"


def _month(value) -> str:
    return value.strftime("%Y%m") if value else ""


def _school(school: str, major: str) -> str:
    return f"{school} {major}".strip() if major else school


def _party(cadre: Cadre) -> str:
    if cadre.political_status == PoliticalStatus.CPC_MEMBER and cadre.party_join_date:
        return _month(cadre.party_join_date)
    if cadre.political_status == PoliticalStatus.CPC_PROBATIONARY and cadre.party_join_date:
        return f"{_month(cadre.party_join_date)}（{codes.party_word(cadre.political_status)}）"
    return codes.party_word(cadre.political_status)


def lrmx_elements(cadre: Cadre) -> list[tuple[str, str]]:
    """The elements of the cadre's file, in the order the editing software writes them."""
    ethnicity = codes.chinese_label_of_ethnicity(cadre.ethnicity)
    return [
        ("XingMing", cadre.name),
        ("XingBie", {Gender.MALE: "男", Gender.FEMALE: "女"}.get(cadre.gender, "")),
        ("ChuShengNianYue", _month(cadre.birth_date)),
        ("MinZu", ethnicity),
        ("JiGuan", cadre.birthplace),
        ("ChuShengDi", cadre.place_of_birth),
        ("RuDangShiJian", _party(cadre)),
        ("CanJiaGongZuoShiJian", _month(cadre.work_start_date)),
        ("JianKangZhuangKuang", cadre.health),
        ("ZhuanYeJiShuZhiWu", cadre.professional_title),
        ("ShuXiZhuanYeYouHeZhuanChang", "、".join(s.name for s in cadre.specialties.all())),
        ("QuanRiZhiJiaoYu_XueLi", codes.EDUCATION_WORDS.get(cadre.education, "")),
        ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", _school(cadre.school, cadre.major)),
        ("QuanRiZhiJiaoYu_XueWei", codes.DEGREE_WORDS.get(cadre.degree, "")),
        ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", ""),
        ("ZaiZhiJiaoYu_XueLi", codes.EDUCATION_WORDS.get(cadre.inservice_education, "")),
        ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", _school(cadre.inservice_school, cadre.inservice_major)),
        ("ZaiZhiJiaoYu_XueWei", codes.DEGREE_WORDS.get(cadre.inservice_degree, "")),
        ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", ""),
        ("XianRenZhiWu", f"{cadre.home_unit.name}{cadre.home_position}"),
        ("NiRenZhiWu", ""),
        ("NiMianZhiWu", ""),
        ("JianLi", cadre.resume),
        ("JiangChengQingKuang", cadre.rewards),
        ("NianDuKaoHeJieGuo", cadre.annual_appraisals),
        ("RenMianLiYou", ""),
        ("ChengBaoDanWei", cadre.home_unit.name),
        ("JiSuanNianLingShiJian", _month(timezone.localdate())),
        ("TianBiaoShiJian", timezone.localdate().strftime("%Y%m%d")),
        ("TianBiaoRen", ""),
        ("ShenFenZheng", cadre.id_number),
        (EXTRA_ELEMENTS["phone"], cadre.phone),
        (EXTRA_ELEMENTS["family_location"], cadre.family_location),
        (EXTRA_ELEMENTS["wishes"], cadre.wishes),
        (EXTRA_ELEMENTS["leadership_level"], codes.chinese_label(LeadershipLevel, cadre.leadership_level)),
        (EXTRA_ELEMENTS["grade"], codes.chinese_label(Grade, cadre.grade)),
    ]


def _photo(cadre: Cadre) -> str:
    if not cadre.photo:
        return ""
    try:
        with cadre.photo.open("rb") as handle:
            return base64.b64encode(handle.read()).decode("ascii")
    except FileNotFoundError:
        return ""


def write_lrmx(cadre: Cadre) -> bytes:
    """The cadre's 干部任免审批表 as a .lrmx file."""
    root = Element("Person")
    for name, value in lrmx_elements(cadre):
        SubElement(root, name).text = value or ""
        if name == "ShenFenZheng":
            _family(root, cadre)
    SubElement(root, "ZhaoPian").text = _photo(cadre)
    SubElement(root, "Version").text = VERSION
    return tostring(root, encoding="utf-8", xml_declaration=True)


def _family(root: Element, cadre: Cadre) -> None:
    table = SubElement(root, "JiaTingChengYuan")
    for member in cadre.family_members.order_by("position", "id"):
        item = SubElement(table, "Item")
        for name, value in (
            ("ChengWei", member.relation),
            ("XingMing", member.name),
            ("ChuShengRiQi", _month(member.birth_date)),
            ("ZhengZhiMianMao", member.political_status),
            ("GongZuoDanWeiJiZhiWu", member.work),
        ):
            SubElement(item, name).text = value


def lrmx_file_name(cadre: Cadre) -> str:
    return f"{cadre.name}干部任免审批表.lrmx"
