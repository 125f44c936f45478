"""The words a .lrmx file writes for the choices cadres hold, in Chinese whatever the user's language."""

import json
import re
from functools import cache
from pathlib import Path

from django.db import models
from django.utils import translation

from ..choices import Degree, Education, Ethnicity, Grade, LeadershipLevel, PoliticalStatus

_REFERENCE = Path(__file__).resolve().parents[1] / "data" / "cadre-codes.json"
_SPACES = re.compile(r"[\s\u3000\xa0]+")


def squeeze(text: str) -> str:
    return _SPACES.sub("", text or "")


@cache
def _reference() -> dict:
    return json.loads(_REFERENCE.read_text(encoding="utf-8"))


def chinese_label(choices: type[models.TextChoices], value: str) -> str:
    """A choice's label in Chinese (汉族, 大学本科, 正处 …), or "" for no value."""
    if not value:
        return ""
    with translation.override("zh-hans"):
        return str(choices(value).label)


@cache
def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    with translation.override("zh-hans"):
        table = {squeeze(str(label)): value for value, label in choices.choices}
    table.update({value: value for value in choices.values})
    return table


def ethnicity_of(text: str) -> str | None:
    """汉族, 汉 or 01 → the code; None when no ethnic group fits."""
    text = squeeze(text)
    for item in _reference()["ethnicity"]["items"]:
        if text in (item["code"], item["name"]) or (
            item["name"].endswith("族") and text == item["name"][:-1]
        ):
            return item["code"]
    return _labels(Ethnicity).get(text)


# The short words a form writes in 入党时间 for a member of another party, and the status each means.
PARTY_WORDS = (
    ("预备", PoliticalStatus.CPC_PROBATIONARY),
    ("团员", PoliticalStatus.CYL_MEMBER),
    ("共青团", PoliticalStatus.CYL_MEMBER),
    ("民革", PoliticalStatus.RCCK),
    ("民盟", PoliticalStatus.CDL),
    ("民建", PoliticalStatus.CNDCA),
    ("民进", PoliticalStatus.CAPD),
    ("农工", PoliticalStatus.CPWDP),
    ("致公", PoliticalStatus.CZGP),
    ("九三", PoliticalStatus.JIUSAN),
    ("台盟", PoliticalStatus.TDSGL),
    ("无党派", PoliticalStatus.NON_PARTY),
    ("群众", PoliticalStatus.MASSES),
    ("中共", PoliticalStatus.CPC_MEMBER),
    ("党员", PoliticalStatus.CPC_MEMBER),
)


def party_word(status: str) -> str:
    """What 入党时间 holds for a cadre who is not a full CPC member: 民盟, 无党派人士 …; "" for 群众."""
    if status in ("", PoliticalStatus.CPC_MEMBER, PoliticalStatus.MASSES):
        return ""
    for item in _reference()["political_status"]["items"]:
        if item["code"] == status:
            return item["short"]
    return ""


def political_status_of(text: str) -> str | None:
    text = squeeze(text)
    for word, status in PARTY_WORDS:
        if word in text:
            return status
    return None


_EDUCATION_WORDS = (
    (("研究生", "硕士", "博士"), Education.POSTGRADUATE),
    (("大学专科", "大专", "专科"), Education.JUNIOR_COLLEGE),
    (("大学", "本科", "大本"), Education.UNDERGRADUATE),
    (("中专", "中技", "中等专科", "中等职业"), Education.SECONDARY_VOCATIONAL),
    (("高中", "初中", "小学", "以下"), Education.HIGH_SCHOOL),
)


def education_of(text: str) -> str | None:
    """研究生, 大学, 大学本科, 大专 … → the system's entry; None when none fits."""
    text = squeeze(text)
    if not text:
        return ""
    if text in _labels(Education):
        return _labels(Education)[text]
    for words, value in _EDUCATION_WORDS:
        if any(word in text for word in words):
            return value
    return None


def degree_of(text: str) -> str | None:
    """经济学学士, 法学硕士, 博士 … → the system's entry; None when none fits."""
    text = squeeze(text)
    if not text:
        return ""
    for word, value in (("博士", Degree.DOCTOR), ("硕士", Degree.MASTER), ("学士", Degree.BACHELOR)):
        if word in text:
            return value
    if text in ("无", "无学位"):
        return Degree.NONE
    return None


# What this system writes for its own lists: the short forms a form prints.
EDUCATION_WORDS = {
    Education.POSTGRADUATE: "研究生",
    Education.UNDERGRADUATE: "大学本科",
    Education.JUNIOR_COLLEGE: "大学专科",
    Education.SECONDARY_VOCATIONAL: "中专",
    Education.HIGH_SCHOOL: "高中及以下",
}
DEGREE_WORDS = {Degree.DOCTOR: "博士", Degree.MASTER: "硕士", Degree.BACHELOR: "学士", Degree.NONE: ""}


def level_of(text: str) -> str | None:
    return _labels(LeadershipLevel).get(squeeze(text)) if text else ""


def grade_of(text: str) -> str | None:
    return _labels(Grade).get(squeeze(text)) if text else ""


def chinese_label_of_ethnicity(code: str) -> str:
    """The ethnic group's full name as the reference list writes it (汉族)."""
    for item in _reference()["ethnicity"]["items"]:
        if item["code"] == code:
            return item["name"]
    return chinese_label(Ethnicity, code)
