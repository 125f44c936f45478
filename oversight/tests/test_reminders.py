import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from assignments import services
from assignments.choices import LeaveKind
from assignments.models import ReminderLog
from conftest import day

from .radar_help import radar_quiet


@pytest.fixture
def neglected_in_a(make_secondment, make_cadre, make_post, officer):
    """In post in unit A for 200 days, sent by the liaison's unit: no talk, no mentor, no plan, no housing
    (the radar's watches are quiet: oversight/tests/test_radar_watches.py)."""
    cadre = make_cadre("孙立新", birth_date=datetime.date(1983, 8, 21))
    return radar_quiet(make_secondment(cadre, "in_post", post=make_post(), start=day(-200)), officer)


@pytest.fixture
def people(officer, leader_a, leader_b, liaison):
    return {"officer": officer, "leader_a": leader_a, "leader_b": leader_b, "liaison": liaison}


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_prints_a_chinese_digest_per_person_and_sends_and_records_nothing(people, neglected_in_a):
    out = run("--dry-run")
    assert "收件人：组织部爱丽 <alice@example.org>" in out
    assert "收件人：王博 <bob@example.org>" in out
    assert "收件人：赵朵拉 <dora@example.org>" in out
    assert "charlie@example.org" not in out  # unit B has nothing to act on
    assert "【90天未谈心谈话】" in out
    assert "孙立新（省财政厅 → 县财政局）" in out
    assert f"/secondments/{neglected_in_a.pk}/" in out
    assert "预演：将向3人发送提醒" in out
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_each_person_gets_one_mail_and_a_rerun_the_same_day_sends_nothing(people, neglected_in_a):
    run()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
        "dora@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    assert message.subject.startswith("【挂职干部管理】4项待办提醒")
    assert "王博，您好：" in message.body
    assert ReminderLog.objects.filter(user=people["leader_a"]).count() == 4

    mail.outbox.clear()
    assert "已向0人发送提醒" in run()
    assert mail.outbox == []


def test_an_item_is_sent_again_once_the_repeat_window_has_passed(people, neglected_in_a, settings):
    run()
    mail.outbox.clear()
    ReminderLog.objects.update(
        sent_at=timezone.now() - datetime.timedelta(days=settings.GUAZHI["REMINDER_REPEAT_DAYS"])
    )
    run()
    assert len(mail.outbox) == 3


def test_a_new_matter_is_sent_the_same_day_without_repeating_the_old_ones(people, neglected_in_a, officer):
    run()
    mail.outbox.clear()
    leave = services.request_leave(
        secondment=neglected_in_a,
        kind=LeaveKind.PERSONAL,
        start_date=day(-9),
        end_date=day(-7),
        actor=officer,
    )
    services.approve_leave(leave=leave, actor=officer)
    run()
    message = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    assert "超期未销假" in message.body
    assert "90天未谈心谈话" not in message.body


def test_recording_a_talk_removes_the_matter_from_tomorrow_s_digest(people, neglected_in_a, leader_a):
    services.record_talk(
        secondment=neglected_in_a,
        date=day(0),
        kind="routine",
        talker="王局长",
        talker_role="receiving_leader",
        actor=leader_a,
    )
    assert "90天未谈心谈话" not in run("--dry-run")


def test_people_without_an_email_address_or_a_role_get_nothing(people, neglected_in_a, django_user_model):
    people["leader_a"].email = ""
    people["leader_a"].save()
    django_user_model.objects.create_superuser("root", "root@example.org", "x-pass-9876")
    out = run("--dry-run")
    assert "bob@example.org" not in out
    assert "root@example.org" not in out


def test_a_leader_s_digest_holds_only_their_unit(
    people, neglected_in_a, make_secondment, make_cadre, make_post, unit_b
):
    cadre = make_cadre("周文博", birth_date=datetime.date(1987, 2, 14))
    make_secondment(cadre, "in_post", post=make_post(unit=unit_b, title="副镇长"), start=day(-200))
    run()
    bob = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    charlie = next(m for m in mail.outbox if m.to == ["charlie@example.org"])
    assert "孙立新" in bob.body and "周文博" not in bob.body
    assert "周文博" in charlie.body and "孙立新" not in charlie.body


def test_a_mail_that_cannot_be_sent_is_reported_and_not_recorded(
    people, neglected_in_a, settings, monkeypatch
):
    def refuse(self, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(CommandError, match="connection refused"):
        run()
    assert not ReminderLog.objects.exists()
