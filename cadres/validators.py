"""Validation of national ID numbers (身份证号) after GB 11643-1999."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# The province-level codes of GB/T 2260 (and 81-83 for residence permits of
# Hong Kong, Macao and Taiwan residents). Finer region codes change over time
# and are deliberately not checked.
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def birth_date_of(id_number: str) -> datetime.date | None:
    """The birth date written in digits 7-14, or None if it is not a real date."""
    try:
        return datetime.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str, birth_date: datetime.date | None = None) -> str:
    """Return the number in its stored form, or raise a ValidationError saying which rule failed."""
    number = normalise_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(n)d.") % {"n": len(number)},
            code="length",
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            _("The first 17 characters must be digits and the last a digit or X."),
            code="characters",
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The first two digits (%(code)s) are not a province-level region code.") % {"code": number[:2]},
            code="region",
        )
    born = birth_date_of(number)
    if born is None or born > timezone.localdate() or born.year < 1800:
        raise ValidationError(
            _("Digits 7 to 14 (%(digits)s) are not a real birth date.") % {"digits": number[6:14]},
            code="birth_date",
        )
    if check_digit(number[:17]) != number[17]:
        raise ValidationError(
            _("The check digit (the last character) does not match the other 17 digits."),
            code="check_digit",
        )
    # Cadre forms record the birth month (出生年月), so the month is what must agree.
    if birth_date is not None and (birth_date.year, birth_date.month) != (born.year, born.month):
        raise ValidationError(
            _("The birth month %(given)s does not match the ID number, which says %(born)s.")
            % {"given": birth_date.strftime("%Y.%m"), "born": born.strftime("%Y.%m")},
            code="birth_date_mismatch",
        )
    return number


def id_number_validator(value: str) -> None:
    """Model-field validator: the number on its own, without a birth date to compare."""
    validate_id_number(value)


def gender_digit_is_male(id_number: str) -> bool:
    return int(id_number[16]) % 2 == 1
