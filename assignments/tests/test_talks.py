import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from assignments import services
from assignments.choices import TalkerRole, TalkKind
from assignments.models import Secondment, Talk
from conftest import TODAY, client_for, local_time
from guazhi.workflow import TransitionError
from oversight.watch import watch_queryset


def talk_data(**overrides):
    data = {
        "kind": TalkKind.ROUTINE,
        "date": TODAY.isoformat(),
        "talker": "王局长",
        "talker_role": TalkerRole.RECEIVING_LEADER,
        "issues_work": "希望多分管招商工作",
        "actions_taken": "调整分工",
        "follow_up": "",
        "follow_up_due": "",
    }
    data.update(overrides)
    return data


def record(secondment, actor, **fields):
    values = {
        "date": TODAY,
        "kind": TalkKind.ROUTINE,
        "talker": "王局长",
        "talker_role": TalkerRole.RECEIVING_LEADER,
    }
    values.update(fields)
    return services.record_talk(secondment=secondment, actor=actor, **values)


def test_staff_record_a_talk_and_it_shows_on_the_page_and_the_timeline(officer_client, placed_in_a):
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    response = officer_client.post(url, talk_data(talker_role=TalkerRole.ORG_DEPARTMENT))
    assert response.url == placed_in_a.get_absolute_url()
    talk = Talk.objects.get()
    assert (talk.talker, talk.issues_work) == ("王局长", "希望多分管招商工作")
    html = officer_client.get(placed_in_a.get_absolute_url()).content.decode()
    assert "希望多分管招商工作" in html
    assert placed_in_a.events.filter(action="talk").exists()


def test_an_arrival_talk_ticks_the_intake_step(placed_in_a, officer):
    record(placed_in_a, officer, kind=TalkKind.ARRIVAL, date=placed_in_a.reported_on)
    entry = placed_in_a.checklist.get(item__name="到岗谈话")
    assert entry.done_on == placed_in_a.reported_on


def test_a_leader_of_the_current_unit_talks_as_its_leader_or_the_mentor_only(leader_a, placed_in_a):
    client = client_for(leader_a)
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["talker_role"].choices] == ["receiving_leader", "mentor"]
    response = client.post(url, talk_data(talker_role=TalkerRole.ORG_DEPARTMENT))
    assert response.status_code == 200
    assert not Talk.objects.exists()
    client.post(url, talk_data(talker_role=TalkerRole.MENTOR))
    assert Talk.objects.get().recorded_by == leader_a


def test_the_sending_unit_liaison_records_talks_as_the_sending_unit(liaison, placed_in_a):
    client = client_for(liaison)
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    assert [v for v, _label in client.get(url).context["form"].fields["talker_role"].choices] == [
        "sending_unit"
    ]
    client.post(url, talk_data(talker_role=TalkerRole.SENDING_UNIT, talker="省财政厅人事处"))
    assert Talk.objects.get().talker_role == TalkerRole.SENDING_UNIT


def test_a_leader_of_another_unit_gets_404(leader_b, placed_in_a):
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    assert client_for(leader_b).post(url, talk_data()).status_code == 404
    assert not Talk.objects.exists()


def test_a_talk_dated_in_the_future_is_refused_at_the_field(officer_client, placed_in_a):
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = officer_client.post(url, talk_data(date=tomorrow))
    assert response.context["form"].errors["date"]
    assert not Talk.objects.exists()


def test_a_follow_up_due_date_needs_the_follow_up_itself(officer_client, placed_in_a):
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    response = officer_client.post(url, talk_data(follow_up_due=TODAY.isoformat()))
    assert response.context["form"].errors["follow_up"]
    assert not Talk.objects.exists()


def test_a_follow_up_past_its_due_date_shows_as_overdue_until_done(officer_client, placed_in_a, officer):
    talk = record(
        placed_in_a,
        officer,
        date=TODAY - datetime.timedelta(days=20),
        follow_up="协调解决住房",
        follow_up_due=TODAY - datetime.timedelta(days=5),
    )
    assert talk.follow_up_overdue
    assert placed_in_a in watch_queryset(officer, "follow_up")
    assert "逾期" in officer_client.get(placed_in_a.get_absolute_url()).content.decode()

    url = reverse("assignments:follow_up_done", args=[placed_in_a.pk, talk.pk])
    officer_client.post(url, {"date": TODAY.isoformat()})
    talk.refresh_from_db()
    assert talk.follow_up_done_on == TODAY
    assert not talk.follow_up_overdue
    assert placed_in_a not in watch_queryset(officer, "follow_up")


def test_a_liaison_may_not_close_the_follow_up_of_a_receiving_unit_talk(liaison, placed_in_a, officer):
    talk = record(placed_in_a, officer, follow_up="协调解决住房", follow_up_due=TODAY)
    url = reverse("assignments:follow_up_done", args=[placed_in_a.pk, talk.pk])
    assert client_for(liaison).post(url, {"date": TODAY.isoformat()}).status_code == 403
    talk.refresh_from_db()
    assert talk.follow_up_done_on is None


def test_a_follow_up_cannot_be_done_twice(placed_in_a, officer):
    talk = record(placed_in_a, officer, follow_up="协调解决住房", follow_up_due=TODAY)
    services.complete_follow_up(talk=talk, done_on=TODAY, actor=officer)
    with pytest.raises(TransitionError):
        services.complete_follow_up(talk=talk, done_on=TODAY, actor=officer)


def test_no_talk_is_recorded_for_a_cadre_who_has_not_reported(make_secondment, cadre, officer):
    expected = make_secondment(cadre, "expected")
    with pytest.raises(TransitionError):
        record(expected, officer, date=expected.term_start)


def test_a_talk_before_the_cadre_reported_is_refused(placed_in_a, officer):
    with pytest.raises(TransitionError, match="报到"):
        record(placed_in_a, officer, date=placed_in_a.reported_on - datetime.timedelta(days=1))


def test_recording_a_talk_clears_the_no_talk_alert(placed_in_a, officer):
    record(placed_in_a, officer, date=placed_in_a.reported_on)  # well over 90 days ago
    assert placed_in_a in watch_queryset(officer, "no_talk")
    record(placed_in_a, officer)
    assert placed_in_a not in watch_queryset(officer, "no_talk")


def test_the_last_talk_date_moves_forward_with_a_later_talk_and_never_back(placed_in_a, officer):
    record(placed_in_a, officer, date=TODAY - datetime.timedelta(days=10))
    record(placed_in_a, officer, date=TODAY - datetime.timedelta(days=30))
    placed_in_a.refresh_from_db()
    assert placed_in_a.last_talk_on == TODAY - datetime.timedelta(days=10)
    record(placed_in_a, officer)
    placed_in_a.refresh_from_db()
    assert placed_in_a.last_talk_on == TODAY


def test_correcting_or_deleting_a_talk_in_the_administration_keeps_the_no_talk_alert_true(
    placed_in_a, officer, admin_client
):
    record(placed_in_a, officer)
    talk = Talk.objects.get()
    assert placed_in_a not in watch_queryset(officer, "no_talk")
    change = reverse("admin:assignments_talk_change", args=[talk.pk])
    data = {
        "secondment": placed_in_a.pk,
        "date": placed_in_a.reported_on.isoformat(),
        "kind": talk.kind,
        "talker": talk.talker,
        "talker_role": talk.talker_role,
        "recorded_by": officer.pk,
    }
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert placed_in_a in watch_queryset(officer, "no_talk")  # the only talk is now long ago
    record(placed_in_a, officer)
    latest = Talk.objects.order_by("-date", "-pk").first()
    admin_client.post(reverse("admin:assignments_talk_delete", args=[latest.pk]), {"post": "yes"})
    assert placed_in_a in watch_queryset(officer, "no_talk")


def test_a_talk_leaves_no_line_in_the_secondment_change_history(placed_in_a, officer):
    before = placed_in_a.history.count()
    record(placed_in_a, officer)
    assert placed_in_a.history.count() == before


def test_the_migration_fills_the_last_talk_date_from_the_talks_on_file(placed_in_a, officer):
    record(placed_in_a, officer, date=TODAY - datetime.timedelta(days=3))
    record(placed_in_a, officer, date=TODAY - datetime.timedelta(days=8))
    Secondment.objects.update(last_talk_on=None)
    migration = importlib.import_module("assignments.migrations.0007_last_talk_date_and_watch_index")
    migration.fill_last_talk_on(django_apps, None)
    placed_in_a.refresh_from_db()
    assert placed_in_a.last_talk_on == TODAY - datetime.timedelta(days=3)


def test_the_talk_page_for_an_ended_secondment_says_why_and_goes_back(
    officer_client, make_secondment, cadre, post
):
    ended = make_secondment(cadre, "ended_early", post=post)
    response = officer_client.get(reverse("assignments:talk_create", args=[ended.pk]), follow=True)
    assert response.redirect_chain[-1][0] == ended.get_absolute_url()
    assert "提前结束" in response.content.decode()


def test_a_talk_recorded_just_after_midnight_beijing_time_belongs_to_that_day(
    officer_client, placed_in_a, time_machine
):
    # 00:30 in Beijing is still the previous day in UTC.
    time_machine.move_to(local_time(TODAY, 0, 30))
    url = reverse("assignments:talk_create", args=[placed_in_a.pk])
    assert officer_client.get(url).context["form"]["date"].value() == TODAY.isoformat()
    response = officer_client.post(url, talk_data(date=TODAY.isoformat()))
    assert response.url == placed_in_a.get_absolute_url()
    placed_in_a.refresh_from_db()
    assert Talk.objects.get().date == placed_in_a.last_talk_on == TODAY
