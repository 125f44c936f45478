"""Reading a .lrmx file into the facts of a cadre's form, without touching the database.

The file is untrusted: its size is checked before anything parses it, and it is
parsed with defusedxml, which refuses a document type, entity declarations and
external references (the ways an XML file expands or reaches out). A file that
is not XML, has no ``Person`` root, no 姓名 or an ID number that fails its check
is refused with the reason; a photograph that cannot be read is dropped with a
warning. The format is described in the reference ``lrmx.md``.
"""

import base64
import binascii
import datetime
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from guazhi.dates import DateFormatError, parse_date
from guazhi.text import half_width

from ..choices import Gender, PoliticalStatus
from ..photos import photo_extension
from ..validators import birth_date_of, validate_id_number
from . import codes

# The elements this system writes beyond the national form's own (other readers ignore them).
EXTRA_ELEMENTS = {
    "phone": "LianXiDianHua",
    "family_location": "JiaTingSuoZaiDi",
    "wishes": "GuaZhiYiYuan",
    "leadership_level": "ZhiWuCengCi",
    "grade": "ZhiJi",
}


class LrmxRefused(Exception):
    """The file cannot be read as a 干部任免审批表; ``message`` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class LrmxRecord:
    """What a file says, by the cadre form's field names, and what the officer should look at."""

    fields: dict = field(default_factory=dict)
    family: list[dict] = field(default_factory=list)
    photo: bytes | None = None
    specialty_text: str = ""
    current_position: str = ""
    reporting_unit: str = ""
    warnings: list[str] = field(default_factory=list)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _month(text: str) -> datetime.date | None:
    """YYYYMM, YYYY.MM, YYYYMMDD or any date the forms accept, as the first of its month."""
    text = half_width(text or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{6}", text):
        text = f"{text[:4]}.{text[4:]}"
    try:
        parsed, _month_only = parse_date(text)
    except DateFormatError:
        return None
    if parsed.year < 1900:
        return None
    return parsed.replace(day=1)


_DECLARED_CHINESE = re.compile(
    rb"""^\s*<\?xml[^>]*encoding\s*=\s*["'](gb2312|gbk|gb18030)["']""", re.IGNORECASE
)


def _as_utf8(data: bytes) -> bytes:
    """A file that declares a Chinese encoding, as UTF-8 (the XML parser reads no multi-byte encoding
    but UTF-8 and UTF-16); older writers still save some files that way."""
    match = _DECLARED_CHINESE.match(data[:200])
    if match is None:
        return data
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise LrmxRefused(_("The file is not an XML document, so not a .lrmx file.")) from None
    declaration_end = text.index("?>") + 2
    return ('<?xml version="1.0" encoding="utf-8"?>' + text[declaration_end:]).encode("utf-8")


def _parse(data: bytes):
    limit = settings.GUAZHI["LRMX_MAX_BYTES"]
    if len(data) > limit:
        raise LrmxRefused(
            _("The file is %(size)s; the largest .lrmx file accepted is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    try:
        return fromstring(_as_utf8(data), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise LrmxRefused(
            _(
                "The file declares entities or a document type, which a 干部任免审批表 never does; it is not read."
            )
        ) from None
    except (ParseError, ValueError, UnicodeError):
        raise LrmxRefused(_("The file is not an XML document, so not a .lrmx file.")) from None


def read_lrmx(source) -> LrmxRecord:
    """Read a .lrmx file (bytes or an open binary file) into an ``LrmxRecord``; ``LrmxRefused`` says
    why a file cannot be read."""
    limit = settings.GUAZHI["LRMX_MAX_BYTES"]
    data = source if isinstance(source, bytes) else source.read(limit + 1)
    root = _parse(data)
    if _local(root.tag) != "Person":
        raise LrmxRefused(_("The file has no Person element at its root, so it is not a 干部任免审批表."))
    values: dict[str, str] = {}
    family_element = None
    for child in root:
        name = _local(child.tag)
        if name == "JiaTingChengYuan":
            family_element = child
        elif name and name not in values:
            values[name] = (child.text or "").strip()
    record = LrmxRecord()
    record.fields["name"] = values.get("XingMing", "")
    if not record.fields["name"]:
        raise LrmxRefused(_("The file gives no name (XingMing)."))
    _read_identity(values, record)
    _read_politics(values, record)
    _read_education(values, record)
    _read_texts(values, record)
    if family_element is not None:
        _read_family(family_element, record)
    _read_photo(values.get("ZhaoPian", ""), record)
    return record


def _read_identity(values: dict, record: LrmxRecord) -> None:
    fields = record.fields
    number = half_width(values.get("ShenFenZheng", "")).strip().upper()
    birth = _month(values.get("ChuShengNianYue", ""))
    if values.get("ChuShengNianYue") and birth is None:
        record.warnings.append(
            _("The birth month “%(text)s” could not be read.") % {"text": values["ChuShengNianYue"]}
        )
    if number:
        try:
            number = validate_id_number(number)
        except ValidationError as error:
            raise LrmxRefused(
                _("The ID number %(number)s is wrong: %(reason)s")
                % {"number": number, "reason": error.messages[0]}
            ) from None
        born = birth_date_of(number)
        if birth is None or (birth.year, birth.month) == (born.year, born.month):
            birth = born
    fields["id_number"] = number
    fields["birth_date"] = birth
    gender = values.get("XingBie", "")
    fields["gender"] = {"男": Gender.MALE, "女": Gender.FEMALE}.get(gender, "")
    if gender and not fields["gender"]:
        record.warnings.append(_("The gender “%(text)s” could not be read.") % {"text": gender})
    ethnicity = values.get("MinZu", "")
    fields["ethnicity"] = codes.ethnicity_of(ethnicity) or ""
    if ethnicity and not fields["ethnicity"]:
        record.warnings.append(
            _("The ethnicity “%(text)s” is not in the list; choose it.") % {"text": ethnicity}
        )
    fields["birthplace"] = values.get("JiGuan", "")
    fields["place_of_birth"] = values.get("ChuShengDi", "")
    fields["health"] = values.get("JianKangZhuangKuang", "")[:50]


def _read_politics(values: dict, record: LrmxRecord) -> None:
    """入党时间 holds a month for a CPC member, a party's short name for others, nothing for 群众."""
    text = values.get("RuDangShiJian", "")
    # A month, sometimes followed by a note: 202301（中共预备党员）.
    leading = re.match(r"\s*\d{4}[.\-]?\d{1,2}(?:[.\-]?\d{1,2})?", text)
    joined = _month(leading.group()) if leading else None
    if joined is not None:
        status = codes.political_status_of(text) or PoliticalStatus.CPC_MEMBER
    else:
        status = codes.political_status_of(text) if text else PoliticalStatus.MASSES
        if status is None:
            record.warnings.append(
                _("The party membership “%(text)s” could not be read; choose the political status.")
                % {"text": text}
            )
            status = ""
    record.fields["political_status"] = status
    record.fields["party_join_date"] = joined
    record.fields["work_start_date"] = _month(values.get("CanJiaGongZuoShiJian", ""))


def _school_and_major(text: str) -> tuple[str, str]:
    """毕业院校系及专业: what this system writes as “school major”; other writers' text is the school."""
    parts = text.split(maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


def _read_education(values: dict, record: LrmxRecord) -> None:
    for prefix, into in (("QuanRiZhiJiaoYu", ""), ("ZaiZhiJiaoYu", "inservice_")):
        for kind, read, noun in (
            ("XueLi", codes.education_of, _("education")),
            ("XueWei", codes.degree_of, _("degree")),
        ):
            text = values.get(f"{prefix}_{kind}", "")
            value = read(text)
            if value is None:
                record.warnings.append(
                    _("The %(what)s “%(text)s” is not in the list; choose the nearest.")
                    % {"what": noun, "text": text}
                )
            record.fields[f"{into}{'education' if kind == 'XueLi' else 'degree'}"] = value or ""
        school = values.get(f"{prefix}_XueLi_BiYeYuanXiaoXi") or values.get(
            f"{prefix}_XueWei_BiYeYuanXiaoXi", ""
        )
        record.fields[f"{into}school"], record.fields[f"{into}major"] = _school_and_major(school)


def _read_texts(values: dict, record: LrmxRecord) -> None:
    fields = record.fields
    fields["professional_title"] = values.get("ZhuanYeJiShuZhiWu", "")
    fields["resume"] = "\n".join(line.rstrip() for line in values.get("JianLi", "").splitlines()).strip()
    fields["rewards"] = values.get("JiangChengQingKuang", "")
    fields["annual_appraisals"] = values.get("NianDuKaoHeJieGuo", "")
    record.specialty_text = values.get("ShuXiZhuanYeYouHeZhuanChang", "")
    record.current_position = values.get("XianRenZhiWu", "")
    record.reporting_unit = values.get("ChengBaoDanWei", "")
    for name, element in EXTRA_ELEMENTS.items():
        fields[name] = values.get(element, "")
    for name, read in (("leadership_level", codes.level_of), ("grade", codes.grade_of)):
        fields[name] = read(fields[name]) or ""


def _read_family(element, record: LrmxRecord) -> None:
    for item in element:
        if _local(item.tag) != "Item":
            continue
        row = {_local(child.tag): (child.text or "").strip() for child in item}
        if not (row.get("XingMing") or row.get("ChengWei")):
            continue  # writers pad the table with empty rows
        record.family.append(
            {
                "relation": row.get("ChengWei", ""),
                "name": row.get("XingMing", ""),
                "birth_date": _month(row.get("ChuShengRiQi", "")),
                "political_status": row.get("ZhengZhiMianMao", ""),
                "work": row.get("GongZuoDanWeiJiZhiWu", ""),
            }
        )


def _read_photo(text: str, record: LrmxRecord) -> None:
    if not text:
        return
    limit = settings.GUAZHI["PHOTO_MAX_BYTES"]
    if len(text) > limit * 4 // 3 + 1024:
        record.warnings.append(
            _("The photograph in the file is larger than %(limit)s and was left out.")
            % {"limit": filesizeformat(limit)}
        )
        return
    try:
        content = base64.b64decode(re.sub(r"\s+", "", text), validate=True)
        photo_extension(content)
    except (binascii.Error, ValueError):
        record.warnings.append(_("The photograph in the file is not valid base64 and was left out."))
    except ValidationError as error:
        record.warnings.append(_("The photograph was left out: %(reason)s") % {"reason": error.messages[0]})
    else:
        record.photo = content
