"""The roster's columns and how its cells are spelled.

The headers are the contract's own Chinese text, matched exactly whatever the
interface language, so they are data here and not translated strings.
"""

import datetime
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import models
from django.utils import translation

from cadres.choices import (
    Degree,
    Education,
    Ethnicity,
    Gender,
    Grade,
    LeadershipLevel,
    PoliticalStatus,
    UnitTier,
)


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    width: int = 12
    is_date: bool = False


COLUMNS = (
    Column("姓名", "name", 10),
    Column("性别", "gender", 6),
    Column("出生年月", "birth_date", 10, is_date=True),
    Column("民族", "ethnicity", 8),
    Column("政治面貌", "political_status", 12),
    Column("身份证号", "id_number", 21),
    Column("学历", "education", 10),
    Column("学位", "degree", 8),
    Column("职务层次", "leadership_level", 10),
    Column("职级", "grade", 14),
    Column("原单位", "home_unit", 22),
    Column("原职务", "home_position", 18),
    Column("专业特长", "specialties", 20),
    Column("联系电话", "phone", 14),
    Column("派出单位", "sending_unit", 22),
    Column("批次", "batch", 18),
    Column("任职文号", "appointment_document", 18),
    Column("挂职开始", "term_start", 12, is_date=True),
    Column("挂职结束", "term_end", 12, is_date=True),
    Column("报到日期", "reported_on", 12, is_date=True),
    Column("挂职单位", "unit", 20),
    Column("挂任职务", "title", 14),
    Column("分管工作", "duties", 30),
    Column("实际结束", "actual_end", 12, is_date=True),
)
HEADERS = tuple(column.header for column in COLUMNS)
HEADER_OF = {column.field: column.header for column in COLUMNS}
COLUMN_OF = {column.header: column for column in COLUMNS}
# Without these no row could be valid, so a sheet lacking one is refused whole.
REQUIRED_HEADERS = ("姓名", "政治面貌", "派出单位", "挂职开始", "挂职结束")
# A cadre's birth month comes from either of these.
BIRTH_HEADERS = ("出生年月", "身份证号")

SPECIALTY_SEPARATORS = re.compile(r"[、，,;；/]")

_SPACES = re.compile(r"[\s\u3000\xa0]+")


def squeeze(text: str) -> str:
    """The text without any kind of space, for matching headers and choice spellings."""
    return _SPACES.sub("", text)


_REFERENCE = Path(__file__).resolve().parents[2] / "cadres" / "data" / "cadre-codes.json"

# Other spellings that county rosters commonly use, beyond each choice's own label.
SYNONYMS: dict[type[models.TextChoices], dict[str, str]] = {
    Gender: {"男性": Gender.MALE, "女性": Gender.FEMALE},
    PoliticalStatus: {
        "党员": PoliticalStatus.CPC_MEMBER,
        "共产党员": PoliticalStatus.CPC_MEMBER,
        "中共正式党员": PoliticalStatus.CPC_MEMBER,
        "预备党员": PoliticalStatus.CPC_PROBATIONARY,
        "团员": PoliticalStatus.CYL_MEMBER,
        "无党派": PoliticalStatus.NON_PARTY,
        "无党派民主人士": PoliticalStatus.NON_PARTY,
    },
    Education: {
        "本科": Education.UNDERGRADUATE,
        "大学": Education.UNDERGRADUATE,
        "大本": Education.UNDERGRADUATE,
        "专科": Education.JUNIOR_COLLEGE,
        "大专": Education.JUNIOR_COLLEGE,
        "硕士研究生": Education.POSTGRADUATE,
        "博士研究生": Education.POSTGRADUATE,
        "在职研究生": Education.POSTGRADUATE,
        "研究生（硕士）": Education.POSTGRADUATE,
        "研究生（博士）": Education.POSTGRADUATE,
        "中等专科": Education.SECONDARY_VOCATIONAL,
        "中技": Education.SECONDARY_VOCATIONAL,
        "高中": Education.HIGH_SCHOOL,
        "初中": Education.HIGH_SCHOOL,
        "初中及以下": Education.HIGH_SCHOOL,
    },
    Degree: {
        "博士学位": Degree.DOCTOR,
        "硕士学位": Degree.MASTER,
        "学士学位": Degree.BACHELOR,
        "无学位": Degree.NONE,
    },
    LeadershipLevel: {
        "正厅级": LeadershipLevel.DEPARTMENT_HEAD,
        "副厅级": LeadershipLevel.DEPUTY_DEPARTMENT_HEAD,
        "正处级": LeadershipLevel.DIVISION_HEAD,
        "副处级": LeadershipLevel.DEPUTY_DIVISION_HEAD,
        "正科级": LeadershipLevel.SECTION_HEAD,
        "副科级": LeadershipLevel.DEPUTY_SECTION_HEAD,
        "科员": LeadershipLevel.CLERK,
        "厅局级正职": LeadershipLevel.DEPARTMENT_HEAD,
        "厅局级副职": LeadershipLevel.DEPUTY_DEPARTMENT_HEAD,
        "县处级正职": LeadershipLevel.DIVISION_HEAD,
        "县处级副职": LeadershipLevel.DEPUTY_DIVISION_HEAD,
        "乡科级正职": LeadershipLevel.SECTION_HEAD,
        "乡科级副职": LeadershipLevel.DEPUTY_SECTION_HEAD,
    },
    Ethnicity: {},
    Grade: {},
}


def chinese_labels(choices: type[models.TextChoices]) -> dict[str, str]:
    """Each value's label as the roster writes it: in Chinese, whatever the user's language."""
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices.choices}


@cache
def spellings(choices: type[models.TextChoices]) -> dict[str, str]:
    """Every accepted spelling of a choice (squeezed, lower-case) and the value it stands for."""
    table: dict[str, str] = {}
    for value, label in chinese_labels(choices).items():
        table[squeeze(label).lower()] = value
        table[value.lower()] = value
        if choices is Ethnicity and label.endswith("族") and len(label) > 1:
            table.setdefault(label[:-1], value)
    for value, label in choices.choices:
        table.setdefault(squeeze(str(label)).lower(), value)
    if choices is PoliticalStatus:
        for item in json.loads(_REFERENCE.read_text(encoding="utf-8"))["political_status"]["items"]:
            table.setdefault(item["name"], item["code"])
    for spelling, value in SYNONYMS.get(choices, {}).items():
        table.setdefault(squeeze(spelling).lower(), value)
    return table


def guess_tier(name: str) -> str:
    """A new unit's tier, guessed from its name; staff can correct it on the unit page."""
    rules = (
        (("大学", "学院", "研究院", "研究所", "科学院", "研究中心"), UnitTier.ACADEMIC),
        (("集团", "公司"), UnitTier.STATE_ENTERPRISE),
    )
    for words, tier in rules:
        if any(word in name for word in words):
            return tier
    if name.endswith(("镇", "乡", "街道", "街道办事处", "办事处")):
        return UnitTier.TOWNSHIP
    for prefix, tier in (
        ("中央", UnitTier.CENTRAL),
        ("国家", UnitTier.CENTRAL),
        ("省", UnitTier.PROVINCIAL),
        ("市", UnitTier.MUNICIPAL),
        ("县", UnitTier.COUNTY),
    ):
        if name.startswith(prefix):
            return tier
    return UnitTier.OTHER


# The template's example row: skipped when a filled-in template still has it unchanged.
EXAMPLE_ROW = {
    "姓名": "张三",
    "性别": "男",
    "出生年月": "1985.06",
    "民族": "汉族",
    "政治面貌": "中共党员",
    "身份证号": "430102198506151231",
    "学历": "大学本科",
    "学位": "学士",
    "职务层次": "副处",
    "职级": "四级调研员",
    "原单位": "省财政厅",
    "原职务": "预算处副处长",
    "专业特长": "财政金融、招商引资",
    "联系电话": "13912345678",
    "派出单位": "省财政厅",
    "批次": "2025年省派第一批",
    "任职文号": "组干〔2025〕12号",
    "挂职开始": datetime.date(2025, 3, 1),
    "挂职结束": datetime.date(2027, 2, 28),
    "报到日期": datetime.date(2025, 3, 5),
    "挂职单位": "县财政局",
    "挂任职务": "副局长",
    "分管工作": "协助分管预算绩效管理",
    "实际结束": "",
}
