import datetime

from assignments.choices import LeaveKind, LeaveStatus
from assignments.models import Leave
from assignments.selectors import attendance
from conftest import TERM_START


def term_day(n: int) -> datetime.date:
    """The nth day of the term the builders make (day 0 is its first)."""
    return TERM_START + datetime.timedelta(days=n)


def leave(secondment, kind, start, end, back=None, status=LeaveStatus.APPROVED):
    return Leave.objects.create(
        secondment=secondment,
        kind=kind,
        start_date=start,
        end_date=end,
        days=(end - start).days + 1,
        approval_tier="receiving_unit",
        status=status,
        reported_back_on=back,
    )


def test_attendance_counts_days_in_post_and_leave_by_kind(placed_in_a):
    leave(placed_in_a, LeaveKind.SICK, term_day(31), term_day(33), back=term_day(34))
    leave(placed_in_a, LeaveKind.OFFICIAL_TRIP, term_day(40), term_day(41), back=term_day(42))
    result = attendance(placed_in_a, term_day(0), term_day(60))
    assert result.days == 61
    assert result.days_in_post == 58
    assert result.leave_days_by_kind[LeaveKind.SICK] == 3
    assert result.leave_days_by_kind[LeaveKind.OFFICIAL_TRIP] == 2
    assert result.days_away == 3


def test_coming_back_late_counts_as_days_away(placed_in_a):
    leave(placed_in_a, LeaveKind.PERSONAL, term_day(61), term_day(62), back=term_day(66))
    result = attendance(placed_in_a, term_day(61), term_day(91))
    assert result.late_return_days == 3
    assert result.days_away == 5


def test_leave_not_yet_approved_does_not_count(placed_in_a):
    leave(placed_in_a, LeaveKind.ANNUAL, term_day(92), term_day(96), status=LeaveStatus.REQUESTED)
    assert attendance(placed_in_a, term_day(92), term_day(121)).days_away == 0


def test_leave_is_clipped_to_the_period(placed_in_a):
    leave(placed_in_a, LeaveKind.ANNUAL, term_day(119), term_day(124), back=term_day(125))
    assert attendance(placed_in_a, term_day(92), term_day(121)).leave_days_by_kind[LeaveKind.ANNUAL] == 3


def test_a_day_covered_by_two_leaves_is_away_once(placed_in_a):
    leave(placed_in_a, LeaveKind.SICK, term_day(10), term_day(14), back=term_day(15))
    leave(placed_in_a, LeaveKind.PERSONAL, term_day(12), term_day(16), back=term_day(17))
    result = attendance(placed_in_a, term_day(0), term_day(29))
    assert result.days_away == 7
    assert result.leave_days_by_kind[LeaveKind.SICK] == 5
    assert result.leave_days_by_kind[LeaveKind.PERSONAL] == 2
    assert (result.days, result.days_in_post) == (30, 23)


def test_a_period_that_has_ended_says_so_and_one_still_running_does_not(placed_in_a):
    assert attendance(placed_in_a, term_day(0), term_day(29)).is_over
    assert not attendance(placed_in_a).is_over
