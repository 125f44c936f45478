"""Whatever the term and the leave, the attendance figures add up."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from assignments.choices import LeaveKind
from assignments.selectors import count_attendance

FIRST = datetime.date(2025, 1, 1)
TODAY = datetime.date(2026, 6, 17)


def day(n: int) -> datetime.date:
    return FIRST + datetime.timedelta(days=n)


leaves = st.lists(
    st.tuples(
        st.sampled_from(LeaveKind.values),
        st.integers(-30, 700),
        st.integers(0, 40),
        st.one_of(st.none(), st.integers(0, 20)),
    ).map(
        lambda t: (t[0], day(t[1]), day(t[1] + t[2]), None if t[3] is None else day(t[1] + t[2] + 1 + t[3]))
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(start=st.integers(0, 500), length=st.integers(0, 400), leaves=leaves)
def test_days_in_post_and_days_away_always_make_the_period(start, length, leaves):
    first, last = day(start), day(start + length - 1)
    result = count_attendance(first, last, leaves, today=TODAY)
    assert result.days == length
    assert result.days_in_post + result.days_away == result.days
    assert 0 <= result.days_away <= result.days
    away_by_kind = sum(
        days for kind, days in result.leave_days_by_kind.items() if kind != LeaveKind.OFFICIAL_TRIP
    )
    assert away_by_kind + result.late_return_days == result.days_away
    assert result.leave_days_by_kind[LeaveKind.OFFICIAL_TRIP] <= result.days_in_post
    assert all(days >= 0 for days in result.leave_days_by_kind.values())


@settings(max_examples=200, deadline=None)
@given(start=st.integers(0, 500), length=st.integers(1, 400), leaves=leaves)
def test_days_away_are_the_distinct_leave_and_late_days_inside_the_period(start, length, leaves):
    first, last = day(start), day(start + length - 1)
    expected: set[datetime.date] = set()
    for kind, l_start, l_end, back in leaves:
        returned = back or TODAY
        n = l_start
        while n <= l_end or n < returned:
            if (kind != LeaveKind.OFFICIAL_TRIP or n > l_end) and first <= n <= last:
                expected.add(n)
            n += datetime.timedelta(days=1)
    assert count_attendance(first, last, leaves, today=TODAY).days_away == len(expected)
