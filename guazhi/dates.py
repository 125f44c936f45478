"""Dates as Chinese offices write them."""

import datetime
import re

from django.utils import formats

from .text import half_width

# ASCII digits only: \d would also take digits of other scripts (full-width ones are translated first).
_FULL = re.compile(r"^\s*([0-9]{4})\s*[-./年]\s*([0-9]{1,2})\s*[-./月]\s*([0-9]{1,2})\s*日?\s*$")
_MONTH = re.compile(r"^\s*([0-9]{4})\s*[-./年]\s*([0-9]{1,2})\s*月?\s*$")
_COMPACT = re.compile(r"^\s*([0-9]{4})([0-9]{2})([0-9]{2})\s*$")


class DateFormatError(ValueError):
    pass


def parse_date(value) -> tuple[datetime.date, bool]:
    """Parse a date written as 2023-03-01, 2023.03.01, 2023/3/1, 2023年3月1日,
    20230301, or month-only 2023.03 / 2023-03 / 2023年3月.

    Returns the date and whether only a month was given (then the day is 1).
    Raises DateFormatError for anything else, including impossible dates.
    """
    if isinstance(value, datetime.datetime):
        return value.date(), False
    if isinstance(value, datetime.date):
        return value, False
    text = half_width(str(value or "")).strip()
    for pattern, month_only in ((_FULL, False), (_COMPACT, False), (_MONTH, True)):
        match = pattern.match(text)
        if match:
            parts = [int(p) for p in match.groups()]
            if month_only:
                parts.append(1)
            try:
                return datetime.date(*parts), month_only
            except ValueError:
                raise DateFormatError(text) from None
    raise DateFormatError(text)


def days_between(start: datetime.date, end: datetime.date) -> int:
    """Whole days from start to end, counting both ends."""
    return (end - start).days + 1


def long_date(value: datetime.date) -> str:
    """A date the way the active language writes it in a sentence: 2024年3月1日."""
    return formats.date_format(value, "DATE_FORMAT")
