"""Pinyin search keys for Chinese names.

A surname may be read more than one way (单 shan/dan, 曾 zeng/ceng), so the
keys hold every reading of the first character, separated by spaces; the rest
of the name takes its usual reading.
"""

from pypinyin import Style, lazy_pinyin, pinyin


def _surname_readings(name: str, style: Style) -> list[str]:
    readings = pinyin(name[0], style=style, heteronym=True)[0]
    return list(dict.fromkeys(r.lower() for r in readings))


def _keys(name: str, style: Style) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    rest = "".join(lazy_pinyin(name[1:], style=style)).lower()
    return " ".join(first + rest for first in _surname_readings(name, style))


def name_pinyin(name: str) -> str:
    """Full pinyin without tones: 张国华 -> 'zhangguohua'."""
    return _keys(name, Style.NORMAL)[:200]


def name_initials(name: str) -> str:
    """Initials: 张国华 -> 'zgh'."""
    return _keys(name, Style.FIRST_LETTER)[:60]
