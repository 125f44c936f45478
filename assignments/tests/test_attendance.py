import datetime

from assignments.choices import LeaveKind, LeaveStatus
from assignments.models import Leave
from assignments.selectors import attendance

D = datetime.date


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
    leave(placed_in_a, LeaveKind.SICK, D(2025, 4, 1), D(2025, 4, 3), back=D(2025, 4, 4))
    leave(placed_in_a, LeaveKind.OFFICIAL_TRIP, D(2025, 4, 10), D(2025, 4, 11), back=D(2025, 4, 12))
    result = attendance(placed_in_a, D(2025, 3, 1), D(2025, 4, 30))
    assert result.days == 61
    assert result.days_in_post == 61
    assert result.leave_days_by_kind[LeaveKind.SICK] == 3
    assert result.leave_days_by_kind[LeaveKind.OFFICIAL_TRIP] == 2
    assert result.days_away == 3


def test_coming_back_late_counts_as_days_away(placed_in_a):
    leave(placed_in_a, LeaveKind.PERSONAL, D(2025, 5, 1), D(2025, 5, 2), back=D(2025, 5, 6))
    result = attendance(placed_in_a, D(2025, 5, 1), D(2025, 5, 31))
    assert result.late_return_days == 3
    assert result.days_away == 5


def test_leave_not_yet_approved_does_not_count(placed_in_a):
    leave(placed_in_a, LeaveKind.ANNUAL, D(2025, 6, 1), D(2025, 6, 5), status=LeaveStatus.REQUESTED)
    assert attendance(placed_in_a, D(2025, 6, 1), D(2025, 6, 30)).days_away == 0


def test_leave_is_clipped_to_the_period(placed_in_a):
    leave(placed_in_a, LeaveKind.ANNUAL, D(2025, 6, 28), D(2025, 7, 3), back=D(2025, 7, 4))
    assert attendance(placed_in_a, D(2025, 6, 1), D(2025, 6, 30)).leave_days_by_kind[LeaveKind.ANNUAL] == 3
