import calendar
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cadres.models import Cadre, Unit
from cadres.validators import validate_id_number
from conftest import TODAY, client_for, local_time
from oversight.demo_appraisals import annual_round_year

# Days the demo must come alive on: today, the last day of its year, and the next 29 February.
DEMO_DAYS = {
    "today": TODAY,
    "year end": datetime.date(TODAY.year, 12, 31),
    "leap day": next(
        datetime.date(year, 2, 29)
        for year in range(TODAY.year, TODAY.year + 5)
        if calendar.isleap(year) and datetime.date(year, 2, 29) >= TODAY
    ),
}


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_seed_demo_can_run_twice_without_making_anything_twice(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Cadre.objects.count(), Unit.objects.count())
    call_command("seed_demo")
    assert (Cadre.objects.count(), Unit.objects.count()) == counts
    assert counts[0] >= 30


def test_seed_demo_gives_every_cadre_a_valid_id_number(db, settings):
    call_command("seed_demo", force=True)
    for cadre in Cadre.objects.all():
        validate_id_number(cadre.id_number, cadre.birth_date)


def test_seed_demo_prints_a_login_for_each_role(db, capsys):
    call_command("seed_demo", force=True)
    out = capsys.readouterr().out
    for username in ["zuzhibu", "ld_caizheng", "ll_caizheng", "admin", "gb_maxiaodong"]:
        assert username in out


def test_two_demo_cadres_sign_in_to_their_own_term_only(db, django_user_model):
    from assignments.models import Secondment

    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)
    for username, name in [("gb_maxiaodong", "马晓东"), ("gb_zhangguohua", "张国华")]:
        user = django_user_model.objects.get(username=username)
        assert user.own_cadre.name == name
        client = client_for(user)
        assert "我的挂职" in client.get(reverse("home")).content.decode()
        mine = Secondment.objects.get(cadre__name=name)
        other = Secondment.objects.exclude(cadre__name=name).first()
        assert client.get(mine.get_absolute_url()).status_code == 200
        assert client.get(other.get_absolute_url()).status_code == 404
    assert Cadre.objects.filter(account__isnull=False).count() == 2


def test_the_demo_has_a_commented_monthly_record_with_a_project(db):
    from worklog.models import MonthlyRecord, Project

    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)
    last_month = (TODAY.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    record = MonthlyRecord.objects.get(secondment__cadre__name="马晓东", month=last_month)
    assert record.commented_by.username == "ld_caizheng"
    assert list(record.projects.values_list("name", flat=True)) == ["*药业企业服务协调"]
    assert Project.objects.filter(secondment=record.secondment).count() == 1


def test_the_demo_summary_names_the_projects_cadres_led_or_carried(db):
    from oversight.summary import county_summary

    call_command("seed_demo", force=True)
    said = "\n".join(county_summary(None).projects.paragraphs)
    assert "马晓东同志在县财政局挂职期间，主持“*药业企业服务协调”招商引资工作。" in said
    assert "胡俊杰同志在县交通运输局挂职期间，承担“G235国道县城过境段改建”项目建设工作。" in said
    assert "河湖长制考核办法修订" not in said


def test_seed_demo_has_an_open_annual_round_with_appraisals_in_every_state(db):
    from evaluations.models import Appraisal, AppraisalRound

    call_command("seed_demo", force=True)
    appraisal_round = AppraisalRound.objects.get(title=f"{annual_round_year(TODAY)}年度考核")
    assert appraisal_round.status == "open" and appraisal_round.kind == "annual"
    states = set(appraisal_round.appraisals.values_list("status", flat=True))
    assert states == {"pending", "submitted", "returned", "confirmed"}
    assert Appraisal.objects.filter(unit__name="县财政局", status="pending").exists()
    counts = (AppraisalRound.objects.count(), Appraisal.objects.count())
    call_command("seed_demo", force=True)
    assert (AppraisalRound.objects.count(), Appraisal.objects.count()) == counts


def test_seed_demo_has_end_of_term_reviews_at_different_steps(db):
    from evaluations.models import TermReview

    call_command("seed_demo", force=True)
    steps = dict(TermReview.objects.values_list("secondment__cadre__name", "status"))
    assert steps["张国华"] == "collecting" and steps["刘建军"] == "fed_back"
    assert sorted(name for name, step in steps.items() if step == "archived") == [
        "梁文涛",
        "谢宏伟",
        "郭春梅",
    ]
    assert all(
        review.secondment.status == "completed" for review in TermReview.objects.filter(status="archived")
    )


def test_the_demo_dashboard_shows_every_kind_of_alert_with_the_right_cadre(db, django_user_model):
    from assignments.models import Leave, Talk
    from living.models import CareVisit, LifeSupport
    from oversight.watch import watch_counts, watch_queryset

    call_command("seed_demo", force=True)
    staff = django_user_model.objects.get(username="zuzhibu")
    assert all(item.count for item in watch_counts(staff)), [
        (i.watch.key, i.count) for i in watch_counts(staff)
    ]
    behind = {
        key: {s.cadre.name for s in watch_queryset(staff, key)} for key in ("no_talk", "no_mentor", "no_plan")
    }
    assert behind == {"no_talk": {"孙立新"}, "no_mentor": {"孙立新"}, "no_plan": {"孙立新"}}
    assert {s.cadre.name for s in watch_queryset(staff, "leave_not_back")} == {"马晓东"}
    assert {s.cadre.name for s in watch_queryset(staff, "follow_up")} == {"赵丽娟"}
    assert {s.cadre.name for s in watch_queryset(staff, "past_end")} == {"徐振华"}
    assert {s.cadre.name for s in watch_queryset(staff, "waiting")} == {"林子涵", "陈晓燕"}
    assert {s.cadre.name for s in watch_queryset(staff, "no_housing")} == {"孙立新", "陈晓燕"}
    assert "胡俊杰" in {s.cadre.name for s in watch_queryset(staff, "ending_30")}
    assert "彭丽华" in {s.cadre.name for s in watch_queryset(staff, "ending_90")}
    late = watch_queryset(staff, "appraisal_overdue")
    assert late and {s.current_unit.name for s in late} == {"青山镇"}

    counts = (
        Talk.objects.count(),
        Leave.objects.count(),
        LifeSupport.objects.count(),
        CareVisit.objects.count(),
    )
    call_command("seed_demo", force=True)
    assert (
        Talk.objects.count(),
        Leave.objects.count(),
        LifeSupport.objects.count(),
        CareVisit.objects.count(),
    ) == counts


def test_a_demo_leader_sees_only_their_unit_on_the_dashboard(db, django_user_model):
    from oversight.dashboard import unit_rows

    call_command("seed_demo", force=True)
    leader = django_user_model.objects.get(username="ld_caizheng")
    assert [row.unit_name for row in unit_rows(leader)] == ["县财政局"]


@pytest.mark.parametrize("when", sorted(DEMO_DAYS))
def test_the_demo_built_on_any_day_fills_every_watch_of_the_staff_dashboard(
    db, django_user_model, time_machine, when
):
    time_machine.move_to(local_time(DEMO_DAYS[when], 10))
    call_command("seed_demo", force=True, stdout=io.StringIO())
    client = client_for(django_user_model.objects.get(username="zuzhibu"))
    counts = {item.watch.key: item.count for item in client.get(reverse("home")).context["watch_counts"]}
    assert all(counts.values()), counts
    for key in counts:
        rows = client.get(reverse("oversight:watch_list", args=[key])).context["rows"]
        assert rows, key


def test_the_demo_has_a_routine_round_due_soon_and_one_overdue(db):
    from evaluations.models import AppraisalRound

    call_command("seed_demo", force=True, stdout=io.StringIO())
    routine = AppraisalRound.objects.filter(kind="routine", status="open")
    assert any(TODAY < r.due_date <= TODAY + datetime.timedelta(days=14) for r in routine)
    assert any(r.due_date < TODAY and r.appraisals.filter(status="pending").exists() for r in routine)


def test_the_demo_has_leave_in_progress_and_talks_both_recent_and_stale(db):
    from assignments.models import Leave, Talk

    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert Leave.objects.filter(
        status="approved", start_date__lte=TODAY, end_date__gte=TODAY, reported_back_on__isnull=True
    ).exists()
    days_ago = {(TODAY - talk.date).days for talk in Talk.objects.all()}
    assert min(days_ago) <= 30 and max(days_ago) > 90
