import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments.choices import SecondmentStatus
from assignments.models import Assignment, Secondment
from cadres.models import Cadre
from conftest import TERM_START, TODAY, client_for, days_ago, days_ahead, make_id_number
from guazhi.dates import term_end

# A term that begins in two weeks, and the builders' term a few days after it began.
NEXT_TERM_START = days_ahead(14)
REPORTED_ON = TERM_START + datetime.timedelta(days=1)
PLACED_ON = TERM_START + datetime.timedelta(days=4)


def register_data(sending_unit, **overrides):
    data = {
        "cadre-name": "李明轩",
        "cadre-gender": "male",
        "cadre-id_number": make_id_number(datetime.date(1982, 9, 3)),
        "cadre-ethnicity": "01",
        "cadre-political_status": "01",
        "cadre-home_unit": sending_unit.pk,
        "cadre-leadership_level": "deputy_division_head",
        "s-sending_unit": sending_unit.pk,
        "s-batch": f"{TODAY.year}年省派第二批",
        "s-term_start": NEXT_TERM_START.isoformat(),
        "s-term_end": term_end(NEXT_TERM_START, 24).isoformat(),
    }
    data.update(overrides)
    return data


def test_staff_register_a_new_cadre_and_the_secondment_in_one_form(officer_client, sending_unit):
    response = officer_client.post(reverse("assignments:secondment_register"), register_data(sending_unit))
    secondment = Secondment.objects.get()
    assert response.url == secondment.get_absolute_url()
    assert secondment.cadre.name == "李明轩"
    assert secondment.status == SecondmentStatus.EXPECTED
    assert secondment.events.get().action == "register"


def test_a_known_id_number_is_offered_as_the_existing_cadre(officer_client, sending_unit, make_cadre):
    existing = make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3))
    data = register_data(sending_unit, **{"cadre-id_number": existing.id_number})
    response = officer_client.post(reverse("assignments:secondment_register"), data)
    assert response.status_code == 200
    assert response.context["duplicate"] == existing
    assert "为李明轩登记本次挂职" in response.content.decode()
    assert not Secondment.objects.exists()

    data["existing_cadre"] = existing.pk
    response = officer_client.post(reverse("assignments:secondment_register"), data)
    assert Secondment.objects.get().cadre == existing
    assert Cadre.objects.count() == 1


def test_a_bad_term_leaves_neither_cadre_nor_secondment_behind(officer_client, sending_unit):
    data = register_data(sending_unit, **{"s-term_end": days_ago(200).isoformat()})
    response = officer_client.post(reverse("assignments:secondment_register"), data)
    assert "必须晚于" in response.content.decode()
    assert not Cadre.objects.exists() and not Secondment.objects.exists()


def test_recording_the_arrival_moves_the_cadre_to_waiting(officer_client, make_secondment, cadre):
    secondment = make_secondment(cadre, "expected")
    officer_client.post(
        reverse("assignments:secondment_report", args=[secondment.pk]), {"date": REPORTED_ON.isoformat()}
    )
    secondment.refresh_from_db()
    assert secondment.status == SecondmentStatus.AWAITING_POST
    assert secondment.reported_on == REPORTED_ON


def test_a_refused_step_is_shown_as_a_message_not_an_error_page(officer_client, placed_in_a):
    response = officer_client.post(
        reverse("assignments:secondment_report", args=[placed_in_a.pk]),
        {"date": REPORTED_ON.isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    assert "无法登记报到" in response.content.decode()


def test_the_detail_page_offers_only_the_actions_its_state_allows(officer_client, placed_in_a):
    html = officer_client.get(placed_in_a.get_absolute_url()).content.decode()
    assert reverse("assignments:secondment_reassign", args=[placed_in_a.pk]) in html
    assert reverse("assignments:secondment_report", args=[placed_in_a.pk]) not in html
    assert reverse("assignments:suggestions", args=[placed_in_a.pk]) not in html


def test_leaders_and_liaisons_see_the_secondment_read_only(leader_a, liaison, placed_in_a):
    for user in (leader_a, liaison):
        html = client_for(user).get(placed_in_a.get_absolute_url()).content.decode()
        assert placed_in_a.cadre.name in html
        assert reverse("assignments:secondment_reassign", args=[placed_in_a.pk]) not in html
        assert "修改记录" not in html


def test_a_leader_still_sees_a_secondment_that_ended_in_their_unit(leader_a, make_secondment, cadre, post):
    ended = make_secondment(cadre, "ended_early", post=post)
    assert client_for(leader_a).get(ended.get_absolute_url()).status_code == 200


def test_a_leader_sees_only_their_unit_s_cadres_in_the_list(leader_a, leader_b, placed_in_a):
    assert list(client_for(leader_a).get(reverse("assignments:secondment_list")).context["page"]) == [
        placed_in_a
    ]
    assert list(client_for(leader_b).get(reverse("assignments:secondment_list")).context["page"]) == []


def test_the_waiting_list_highlights_a_wait_past_the_threshold(officer_client, make_secondment, cadre):
    make_secondment(cadre, "awaiting_post")
    html = officer_client.get(reverse("assignments:waiting_list")).content.decode()
    assert "row-warning" in html


def test_the_assign_page_shows_the_three_tests_and_assigns(
    officer_client, make_secondment, cadre, post, leader_a
):
    waiting = make_secondment(cadre, "awaiting_post")
    url = reverse("assignments:secondment_assign", args=[waiting.pk]) + f"?post={post.pk}"
    html = officer_client.get(url).content.decode()
    assert "有利于培养管理" in html and "有利于发挥作用" in html
    officer_client.post(
        url,
        {
            "start_date": PLACED_ON.isoformat(),
            "title": "局长助理",
            "duties": "预算绩效",
            "fit_reason": "急需",
        },
    )
    assignment = Assignment.objects.get()
    assert (assignment.title, assignment.duties) == ("局长助理", "预算绩效")


def test_suggestions_rank_posts_and_explain_the_score(
    officer_client, make_secondment, make_cadre, make_post, specialty
):
    cadre = make_cadre(specialties=[specialty])
    waiting = make_secondment(cadre, "awaiting_post")
    fitting = make_post(title="副局长", specialties=[specialty])
    make_post(title="局长助理")
    response = officer_client.get(reverse("assignments:suggestions", args=[waiting.pk]))
    ranked = response.context["suggestions"]
    assert ranked[0].post.post_id == fitting.pk
    assert "专业特长匹配 1/1：财政金融" in response.content.decode()


def test_accepting_the_plan_places_cadres_and_reports_a_line_that_lost_its_seat(
    officer_client, make_secondment, make_cadre, post, leader_a
):
    first = make_secondment(make_cadre("张一"), "awaiting_post")
    second = make_secondment(make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")
    response = officer_client.post(
        reverse("assignments:batch_plan_accept"),
        {
            "start_date": PLACED_ON.isoformat(),
            "line": [f"{first.pk}:{post.pk}", f"{second.pk}:{post.pk}"],
            f"reason-{first.pk}-{post.pk}": "急需",
            f"reason-{second.pk}-{post.pk}": "急需",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "已安排1名干部" in html
    assert "未安排：李二" in html
    assert Assignment.objects.filter(post=post).count() == 1


@pytest.mark.parametrize("line", ["abc:def", "1", ":", "1:x"])
def test_a_garbled_plan_line_is_reported_not_an_error_page(officer_client, make_secondment, cadre, line):
    make_secondment(cadre, "awaiting_post")
    response = officer_client.post(
        reverse("assignments:batch_plan_accept"), {"batch": "第一批", "line": [line]}, follow=True
    )
    assert response.status_code == 200
    assert "未安排：" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?batch=%E7%AC%AC%E4%B8%80%E6%89%B9")


def test_a_nul_in_the_plan_s_batch_is_ignored(officer_client, make_secondment, cadre):
    make_secondment(cadre, "awaiting_post")
    assert officer_client.get(reverse("assignments:batch_plan"), {"batch": "第一批\x00"}).status_code == 200


def test_the_plan_page_lists_every_waiting_cadre(officer_client, make_secondment, make_cadre, post, settings):
    settings.PLACEMENT_MINIMUM_SCORE = 0
    make_secondment(make_cadre("张一"), "awaiting_post")
    make_secondment(make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")
    plan = officer_client.get(reverse("assignments:batch_plan")).context["plan"]
    assert len(plan.lines) == 1 and len(plan.unplaced) == 1


def test_the_cadre_page_lists_the_cadre_s_secondments(officer_client, placed_in_a):
    html = officer_client.get(placed_in_a.cadre.get_absolute_url()).content.decode()
    assert placed_in_a.get_absolute_url() in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01"])
def test_a_date_no_term_could_have_is_refused_at_the_field(officer_client, placed_in_a, typed):
    response = officer_client.post(
        reverse("assignments:secondment_extend", args=[placed_in_a.pk]), {"new_end": typed}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_end"] == ["请输入1900年至2099年之间的日期。"]
    assert officer_client.get(placed_in_a.get_absolute_url()).status_code == 200


def test_a_held_post_cannot_move_to_another_unit(officer_client, placed_in_a, post, unit_b):
    response = officer_client.post(
        reverse("assignments:post_edit", args=[post.pk]), {"unit": unit_b.pk, "title": post.title, "quota": 1}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"][0].startswith("该岗位目前有人在岗")
    post.refresh_from_db()
    assert post.unit_id == placed_in_a.current_unit_id != unit_b.pk


def test_an_absurd_quota_is_refused_at_the_field(officer_client, unit_a):
    response = officer_client.post(
        reverse("assignments:post_create"), {"unit": unit_a.pk, "title": "副局长", "quota": 10**20}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["quota"] == ["确保该值小于或等于99。"]


def test_a_huge_term_ending_filter_is_explained_not_an_error(officer_client, placed_in_a):
    response = officer_client.get(reverse("assignments:secondment_list"), {"ending_within": 10**12})
    assert response.status_code == 200
    assert "确保该值小于或等于3650。" in response.content.decode()


@pytest.mark.parametrize(
    "url_name", ["assignments:secondment_list", "assignments:waiting_list", "assignments:post_list"]
)
def test_the_lists_run_the_same_queries_for_one_row_and_for_twenty(
    officer_client, make_secondment, make_cadre, make_post, specialty, url_name
):
    def add(index):
        cadre = make_cadre(
            f"张{index}", birth_date=datetime.date(1970 + index, 1, 1), specialties=[specialty]
        )
        post = make_post(title=f"岗位{index}", specialties=[specialty])
        make_secondment(
            cadre, "awaiting_post" if url_name == "assignments:waiting_list" else "in_post", post=post
        )

    add(0)
    one = _queries(officer_client, reverse(url_name))
    for index in range(1, 20):
        add(index)
    assert _queries(officer_client, reverse(url_name)) == one


def test_the_detail_page_runs_the_same_queries_however_long_the_timeline(
    officer_client, placed_in_a, officer
):
    from assignments import services

    one = _queries(officer_client, placed_in_a.get_absolute_url())
    for entry in placed_in_a.checklist.all():
        services.complete_checklist_entry(entry=entry, done_on=REPORTED_ON, actor=officer)
    assert _queries(officer_client, placed_in_a.get_absolute_url()) == one
