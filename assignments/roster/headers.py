"""How a roster's header row is read: the columns' own headers, the longer spellings offices use,
the columns that hold two facts at once, and the columns left aside.

A header is matched without its spaces and line breaks, a parenthesised note
(``出生年月（年.月）``) or a mark of a required column (``*姓名``), so
``姓  名`` and ``出生年月\\n（年.月）`` are 姓名 and 出生年月. The spellings are
data, the same in every interface language; the template's notes sheet and
the upload page list them from here.
"""

import re
from dataclasses import dataclass

from .columns import COLUMN_OF, COLUMNS, Column, squeeze

# Other headers offices give each column, beyond the column's own.
ALIASES: dict[str, tuple[str, ...]] = {
    "姓名": (),
    "性别": (),
    "出生年月": ("出生日期", "出生年月日", "出生时间"),
    "民族": (),
    "政治面貌": ("党派", "政治身份"),
    "身份证号": ("身份证号码", "公民身份号码", "居民身份证号码", "身份证件号码", "身份证"),
    "学历": ("最高学历", "文化程度"),
    "学位": ("最高学位",),
    "职务层次": ("职务级别", "现职务层次", "行政级别"),
    "职级": ("现职级",),
    "原单位": ("原工作单位", "派出前单位"),
    "原职务": ("原任职务",),
    "专业特长": ("专长", "特长", "熟悉专业有何专长"),
    "联系电话": ("联系方式", "手机号码", "手机", "电话"),
    "派出单位": ("选派单位", "推荐单位"),
    "批次": ("挂职批次", "选派批次"),
    "任职文号": ("文号", "挂职文号", "任职文件", "任职文件文号"),
    "挂职开始": ("挂职开始时间", "挂职起始时间", "挂职开始日期", "挂职起始日期"),
    "挂职结束": ("挂职结束时间", "挂职截止时间", "挂职结束日期", "挂职期满时间"),
    "报到日期": ("报到时间", "到岗时间", "到岗日期"),
    "挂职单位": ("挂职所在单位", "接收单位"),
    "挂任职务": ("挂职职务", "挂职岗位", "拟挂任职务"),
    "分管工作": ("分工", "工作分工", "分管领域"),
    "实际结束": ("实际结束时间", "实际结束日期", "实际离任时间"),
}


@dataclass(frozen=True)
class Combined:
    """A column holding two of the roster's facts: a unit and the position held there, or a term."""

    header: str
    fields: tuple[str, str]
    aliases: tuple[str, ...] = ()

    @property
    def is_term(self) -> bool:
        return self.fields == ("term_start", "term_end")

    @property
    def parts(self) -> tuple[Column, Column]:
        by_field = {column.field: column for column in COLUMNS}
        return by_field[self.fields[0]], by_field[self.fields[1]]


COMBINED = (
    Combined(
        "原单位及职务", ("home_unit", "home_position"), ("原单位职务", "原工作单位及职务", "工作单位及职务")
    ),
    Combined("挂职单位及职务", ("unit", "title"), ("挂职单位职务", "挂职单位及挂任职务", "挂职单位及岗位")),
    Combined("挂职时间", ("term_start", "term_end"), ("挂职期限", "挂职起止时间", "挂职起止日期")),
)
# Columns every county roster has that the import has no use for.
IGNORED = ("序号", "备注")

_NOTE = re.compile(r"[（(][^（）()]*[）)]")
_MARKS = re.compile(r"^[*＊]+|[*＊:：]+$")


def header_key(text: str) -> str:
    """A header cell as it is matched: without spaces, line breaks, parenthesised notes or marks."""
    return _MARKS.sub("", _NOTE.sub("", squeeze(text)))


def _table() -> dict[str, Column | Combined | None]:
    table: dict[str, Column | Combined | None] = {}
    for header, aliases in ALIASES.items():
        for spelling in (header, *aliases):
            table[spelling] = COLUMN_OF[header]
    for combined in COMBINED:
        for spelling in (combined.header, *combined.aliases):
            table[spelling] = combined
    for header in IGNORED:
        table[header] = None
    return table


# Every spelling, matched as ``header_key`` leaves it: a column, a combined column, or None for one ignored.
SPELLINGS = _table()
