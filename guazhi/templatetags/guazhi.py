import datetime

from django import template

from guazhi.dates import long_date, long_datetime
from guazhi.masking import mask_id_number, mask_phone
from guazhi.people import person_name

register = template.Library()


@register.filter
def birth_month(value: datetime.date | None) -> str:
    """Birth months the way cadre forms print them: 1972.04."""
    if not value:
        return ""
    return value.strftime("%Y.%m")


@register.filter
def cndate(value: datetime.date | None) -> str:
    """A date in the active language's long form: 2024年3月1日."""
    if not value:
        return ""
    return long_date(value)


@register.filter
def cndatetime(value: datetime.datetime | None) -> str:
    """A moment in the county's time, in the active language's long form: 2026年12月7日 08:53."""
    if not value:
        return ""
    return long_datetime(value)


@register.filter
def person(user) -> str:
    """A user by name, family name first: 王博 (the login name only when no name is on file)."""
    return person_name(user)


@register.filter
def masked_id(value: str, show_whole: bool = False) -> str:
    return value if show_whole else mask_id_number(value)


@register.filter
def masked_phone(value: str, show_whole: bool = False) -> str:
    return value if show_whole else mask_phone(value)


@register.filter
def minutes(value: datetime.timedelta | None) -> int:
    """A timedelta in whole minutes (rounded up)."""
    if not value:
        return 0
    return -(-int(value.total_seconds()) // 60)


@register.filter
def paragraphs(value: str | None) -> list[str]:
    """Text split into its non-empty lines: each line of a Chinese document is a paragraph."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]
