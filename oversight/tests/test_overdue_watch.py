"""The dashboard's watch over appraisals not filed by their due date."""

import datetime

from django.urls import reverse

from conftest import FILLED_APPRAISAL, ROUND_DUE, client_for, local_time
from evaluations import services
from oversight.dashboard import unit_rows
from oversight.reminders import build_digest
from oversight.watch import watch_counts, watch_queryset

# Ten days after the default round was due.
LATE = ROUND_DUE + datetime.timedelta(days=10)


def overdue_count(user, today=LATE) -> int:
    return {item.watch.key: item.count for item in watch_counts(user, today)}["appraisal_overdue"]


def test_an_appraisal_not_filed_by_its_due_date_is_watched_until_it_is_filed(
    officer, leader_a, placed_in_a, make_round
):
    appraisal = make_round().appraisals.get()
    assert overdue_count(officer, ROUND_DUE) == 0  # due today: not late yet
    assert overdue_count(officer) == 1
    (row,) = watch_queryset(officer, "appraisal_overdue", LATE)
    assert row == placed_in_a and row.watch_date == ROUND_DUE
    unit_a_row = next(row for row in unit_rows(officer, LATE) if row.unit_id == placed_in_a.current_unit_id)
    assert unit_a_row.counts["appraisal_overdue"] == 1
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=leader_a)
    assert overdue_count(officer) == 0


def test_a_closed_round_no_longer_asks_for_its_unfiled_appraisals(officer, placed_in_a, make_round):
    appraisal_round = make_round()
    services.close_round(appraisal_round=appraisal_round, actor=officer)
    assert overdue_count(officer) == 0


def test_the_unit_s_leader_sees_it_and_another_unit_s_leader_does_not(
    leader_a, leader_b, placed_in_a, make_round
):
    make_round()
    assert overdue_count(leader_a) == 1
    assert overdue_count(leader_b) == 0


def test_the_leader_s_daily_reminder_names_the_overdue_appraisal(leader_a, placed_in_a, make_round):
    make_round()
    digest = build_digest(leader_a, LATE, local_time(LATE, 7, 30))
    assert any(key.startswith(f"appraisal_overdue:{placed_in_a.pk}:") for key in digest.keys)


def test_the_dashboard_and_the_list_show_it_in_chinese(officer, placed_in_a, make_round, time_machine):
    make_round()
    time_machine.move_to(local_time(LATE, 10))
    client = client_for(officer)
    assert "考核逾期未填报" in client.get(reverse("home")).content.decode()
    html = client.get(reverse("oversight:watch_list", args=["appraisal_overdue"])).content.decode()
    assert placed_in_a.cadre.name in html and "考核截止日期" in html
