"""Month arithmetic for terms, and moments written in the county's time."""

import datetime

import pytest
from django.utils import translation

from guazhi.dates import add_months, long_datetime, term_end

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2028, 2, 29), -12, D(2027, 2, 28)),
        (D(2027, 12, 31), 2, D(2028, 2, 29)),
        (D(2026, 3, 15), -15, D(2024, 12, 15)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2025, 3, 1), 24, D(2027, 2, 28)),
        (D(2023, 3, 1), 12, D(2024, 2, 29)),
        (D(2024, 2, 29), 24, D(2026, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 28)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2026, 12, 31), 12, D(2027, 12, 30)),
    ],
)
def test_a_term_ends_the_day_before_the_same_day_months_later(start, months, end):
    assert term_end(start, months) == end


def test_a_moment_is_written_in_beijing_time():
    late_in_utc = datetime.datetime(2026, 12, 6, 16, 30, tzinfo=datetime.UTC)
    with translation.override("zh-hans"):
        assert long_datetime(late_in_utc) == "2026年12月7日 00:30"
