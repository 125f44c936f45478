"""The demo's role-deviation radar: each watch lists the demo cadres meant for it, on any day."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import client_for, local_time
from oversight.watch import watch_queryset

from .test_seed_demo import DEMO_DAYS

MEANT = {
    "record_overdue": {"孙立新", "周文博"},
    "nominal_post": {"孙立新", "罗晓峰"},
    "unreviewed": {"郑雪梅"},
    "away_often": {"赵丽娟"},
}


@pytest.mark.parametrize("when", sorted(DEMO_DAYS))
def test_the_demo_radar_lists_the_cadres_meant_for_each_watch_and_no_one_else(
    db, django_user_model, time_machine, when
):
    time_machine.move_to(local_time(DEMO_DAYS[when], 10))
    call_command("seed_demo", force=True, stdout=io.StringIO())
    staff = django_user_model.objects.get(username="zuzhibu")
    found = {key: {s.cadre.name for s in watch_queryset(staff, key)} for key in MEANT}
    assert found == MEANT


def test_the_demo_radar_is_made_once_and_most_serving_cadres_file_and_lead(db, django_user_model):
    from assignments.models import Leave
    from worklog.models import MonthlyRecord, Project

    call_command("seed_demo", force=True, stdout=io.StringIO())
    counts = (MonthlyRecord.objects.count(), Project.objects.count(), Leave.objects.count())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert (MonthlyRecord.objects.count(), Project.objects.count(), Leave.objects.count()) == counts
    assert counts[0] >= 30 and counts[1] >= 12
    assert (
        MonthlyRecord.objects.exclude(comment="").count() > MonthlyRecord.objects.filter(comment="").count()
    )


def test_the_demo_leader_of_the_finance_bureau_sees_no_radar_cadre_of_another_unit(db, django_user_model):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    client = client_for(django_user_model.objects.get(username="ld_caizheng"))
    for key in MEANT:
        rows = client.get(reverse("oversight:watch_list", args=[key])).context["rows"]
        assert {row.secondment.current_unit.name for row in rows} <= {"县财政局"}, key
