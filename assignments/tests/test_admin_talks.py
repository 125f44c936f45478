"""A talk corrected in the administration keeps the rules it was recorded by."""

import datetime

from django.urls import reverse
from django.utils import timezone

from assignments import services
from assignments.models import Talk


def _talk(secondment, officer) -> Talk:
    return services.record_talk(
        secondment=secondment,
        date=timezone.localdate(),
        kind="routine",
        talker="王局长",
        talker_role="receiving_leader",
        actor=officer,
    )


def _change(talk: Talk, **changes) -> dict:
    data = {"date": talk.date.isoformat(), "talker": talk.talker, "talker_role": talk.talker_role}
    data.update(changes)
    return data


def test_an_administrator_cannot_move_a_talk_into_the_future(admin_client, officer, placed_in_a):
    talk = _talk(placed_in_a, officer)
    url = reverse("admin:assignments_talk_change", args=[talk.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = admin_client.post(url, _change(talk, date=tomorrow.isoformat()), follow=True)
    assert response.redirect_chain[0] == (url, 302)
    assert "谈话日期不能晚于今天。" in response.content.decode()
    talk.refresh_from_db()
    placed_in_a.refresh_from_db()
    assert talk.date == placed_in_a.last_talk_on == timezone.localdate()


def test_an_administrator_corrects_a_talk_under_their_name(admin_client, admin_user, officer, placed_in_a):
    talk = _talk(placed_in_a, officer)
    admin_client.post(
        reverse("admin:assignments_talk_change", args=[talk.pk]), _change(talk, talker="李副局长")
    )
    talk.refresh_from_db()
    assert talk.talker == "李副局长"
    assert talk.history.first().history_user == admin_user


def test_an_administrator_cannot_add_a_talk_or_change_whose_it_is(
    admin_client, officer, placed_in_a, make_secondment, make_cadre, post
):
    assert admin_client.get(reverse("admin:assignments_talk_add")).status_code == 403
    talk = _talk(placed_in_a, officer)
    other = make_secondment(make_cadre("李明轩"), "expected")
    admin_client.post(
        reverse("admin:assignments_talk_change", args=[talk.pk]),
        _change(talk, secondment=other.pk, kind="arrival"),
    )
    talk.refresh_from_db()
    assert (talk.secondment_id, talk.kind) == (placed_in_a.pk, "routine")
