"""The pages of a selection cycle, walked as staff and liaisons use them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadres.choices import MembershipRole
from cadres.models import UnitMembership
from conftest import _user, client_for, days_ahead, months_ahead
from guazhi.tests.samples import PDF
from selection.choices import CycleStatus, NominationStatus
from selection.models import Need, Nomination, SelectionCycle


@pytest.fixture
def other_liaison(other_sending_unit):
    user = _user("erin")
    UnitMembership.objects.create(user=user, unit=other_sending_unit, role=MembershipRole.LIAISON)
    return user


def test_staff_open_a_cycle_list_its_needs_and_publish_it_after_confirming(
    officer_client, unit_a, unit_b, post
):
    response = officer_client.post(
        reverse("selection:cycle_create"),
        {
            "name": "2027年省派第一批",
            "deadline": days_ahead(20).isoformat(),
            "term_start": months_ahead(2).isoformat(),
        },
    )
    cycle = SelectionCycle.objects.get()
    assert response.url == cycle.get_absolute_url()
    need_url = reverse("selection:need_create", args=[cycle.pk])
    officer_client.post(
        need_url, {"unit": unit_a.pk, "post": post.pk, "count": 1, "level": "any", "term_months": 24}
    )
    officer_client.post(
        need_url,
        {"unit": unit_b.pk, "new_post_title": "副镇长", "count": 2, "level": "section", "term_months": 24},
    )
    refused = officer_client.post(
        need_url, {"unit": unit_b.pk, "count": 1, "level": "any", "term_months": 24}
    )
    assert "待新设岗位" in refused.content.decode()
    assert Need.objects.count() == 2
    page = officer_client.get(cycle.get_absolute_url()).content.decode()
    assert "共需3人" in page and "经济部门1人" in page
    confirm = officer_client.get(reverse("selection:cycle_publish", args=[cycle.pk]))
    assert "所有派出单位" in confirm.content.decode()
    officer_client.post(reverse("selection:cycle_publish", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PUBLISHED


def test_a_liaison_nominates_staff_accept_one_and_decline_the_other_with_a_reason_the_liaison_reads(
    make_cycle, unit_a, post, liaison, officer_client, make_cadre, other_liaison, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}])
    first, second = make_cadre("张一"), make_cadre("李二", birth_date=datetime.date(1982, 9, 3))
    dora = client_for(liaison)
    assert reverse("selection:nominate", args=[need.pk]) in dora.get(need.get_absolute_url()).content.decode()
    for cadre in (first, second):
        response = dora.post(
            reverse("selection:nominate", args=[need.pk]),
            {
                "existing_cadre": cadre.pk,
                "reason": "熟悉财政业务",
                "attachment": SimpleUploadedFile("审批表.pdf", PDF, content_type="application/pdf"),
            },
        )
        assert response.status_code == 302
    page = officer_client.get(need.get_absolute_url()).content.decode()
    assert "匹配得分" in page and "张一" in page and "李二" in page
    one, two = Nomination.objects.order_by("pk")
    officer_client.post(reverse("selection:nomination_decide", args=[one.pk]), {"decision": "accept"})
    officer_client.post(
        reverse("selection:nomination_decide", args=[two.pk]),
        {"decision": "decline", "reason": "专业不够对口"},
    )
    one.refresh_from_db()
    assert one.status == NominationStatus.ACCEPTED and one.secondment.reserved_post == post
    assert "专业不够对口" in dora.get(need.get_absolute_url()).content.decode()
    erin = client_for(other_liaison)
    assert "张一" not in erin.get(need.get_absolute_url()).content.decode()
    assert erin.get(reverse("selection:nomination_attachment", args=[one.pk])).status_code == 404


def test_a_nomination_file_that_is_not_a_pdf_is_refused_at_its_field(
    make_cycle, unit_a, post, liaison, cadre
):
    _cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}])
    response = client_for(liaison).post(
        reverse("selection:nominate", args=[need.pk]),
        {
            "existing_cadre": cadre.pk,
            "reason": "熟悉",
            "attachment": SimpleUploadedFile("a.pdf", b"not a pdf"),
        },
    )
    assert response.status_code == 200 and not Nomination.objects.exists()


def test_a_liaison_of_a_unit_the_cycle_is_not_addressed_to_gets_404(
    make_cycle, unit_a, post, sending_unit, other_liaison
):
    cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}], units=[sending_unit])
    erin = client_for(other_liaison)
    assert erin.get(cycle.get_absolute_url()).status_code == 404
    assert erin.get(need.get_absolute_url()).status_code == 404
    assert erin.get(reverse("selection:nominate", args=[need.pk])).status_code == 404


def test_staff_close_a_cycle_once_every_nomination_is_decided_and_it_takes_no_more(
    make_cycle, unit_a, post, liaison, officer_client, officer, sending_unit, make_cadre
):
    from selection import services

    cycle, (need,) = make_cycle(needs=[{"unit": unit_a, "post": post}])
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, cadre=make_cadre("张一"), reason="熟悉财政业务", actor=liaison
    )
    close_url = reverse("selection:cycle_close", args=[cycle.pk])
    assert close_url in officer_client.get(cycle.get_absolute_url()).content.decode()
    waiting = officer_client.get(close_url).content.decode()
    assert "1名推荐人选尚未决定" in waiting
    refused = officer_client.post(close_url, follow=True).content.decode()
    assert "尚未决定" in refused
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PUBLISHED

    services.decline_nomination(nomination=nomination, reason="专业不对口", actor=officer)
    assert "不可撤销" in officer_client.get(close_url).content.decode()
    officer_client.post(close_url)

    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED
    answer = client_for(liaison).post(
        reverse("selection:nominate", args=[need.pk]),
        {"existing_cadre": make_cadre("李二").pk, "reason": "x"},
    )
    # The liaison still reads the closed cycle's need, but nominates no more.
    assert answer.status_code == 404
    page = client_for(liaison).get(need.get_absolute_url()).content.decode()
    assert "专业不对口" in page and reverse("selection:nominate", args=[need.pk]) not in page
    assert Nomination.objects.count() == 1
