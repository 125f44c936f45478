"""Dates as Chinese offices write them."""

import calendar
import datetime
import re

from django.utils import formats, timezone

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


# Between the two ends of a span: 至, 到, a tilde or a dash other than the hyphen dates use inside.
_SPAN = re.compile(r"\s*(?:至|到|~|～|〜|—+|–|－|―|--)\s*")


def split_span(text: str) -> tuple[str, str] | None:
    """The two ends of a span of dates written as one text (2023.03-2025.03, 2023.03—2025.03,
    2023年3月至2025年3月), each as written; None unless both ends read as dates."""
    text = half_width(str(text)).strip()
    parts = _SPAN.split(text)
    candidates = [parts] if len(parts) == 2 else []
    if len(parts) == 1:
        # A hyphen may separate the ends and the parts of each date alike: try each one.
        candidates = [[text[: match.start()], text[match.end() :]] for match in re.finditer(r"\s*-\s*", text)]
    for start, end in candidates:
        try:
            parse_date(start)
            parse_date(end)
        except DateFormatError:
            continue
        return start.strip(), end.strip()
    return None


def days_between(start: datetime.date, end: datetime.date) -> int:
    """Whole days from start to end, counting both ends."""
    return (end - start).days + 1


def long_date(value: datetime.date) -> str:
    """A date the way the active language writes it in a sentence: 2024年3月1日 (a moment: its day in
    the county's time). Every date a page, a file or a message shows is written this way."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formats.date_format(value, "DATE_FORMAT")


def long_datetime(value: datetime.datetime) -> str:
    """A moment in the county's time (Beijing time), written like long_date: 2026年12月7日 08:53."""
    local = timezone.localtime(value)
    return f"{long_date(local.date())} {local:%H:%M}"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier); where that month is shorter, its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: datetime.date, months: int) -> datetime.date:
    """The last day of a term of ``months`` months from ``start``: the day before the same day
    ``months`` later, so a two-year term from 2024-03-01 ends 2026-02-28, and one from
    2024-02-29 (whose day does not come again in 2026) ends on 2026-02-28 too."""
    later = add_months(start, months)
    return later if later.day < start.day else later - datetime.timedelta(days=1)
