"""The three tests (三个有利于) are kept: a placement failing one needs a written reason, on the assign
page and on every line of the batch plan, and staff set each plan line's 挂任职务 and 分管工作."""

import datetime

import pytest
from django.urls import reverse

from assignments import services
from assignments.models import Assignment, SecondmentEvent
from conftest import TERM_START
from guazhi.workflow import TransitionError

PLACED_ON = TERM_START + datetime.timedelta(days=4)


@pytest.fixture
def fitting_post(make_post, specialty):
    return make_post(title="副局长", specialties=[specialty], strong_team=True, broad_scope=True)


def _assign_url(secondment, post) -> str:
    return reverse("assignments:secondment_assign", args=[secondment.pk]) + f"?post={post.pk}"


def test_the_assign_page_marks_a_failed_test_and_refuses_to_place_without_a_reason(
    officer_client, make_secondment, cadre, post
):
    waiting = make_secondment(cadre, "awaiting_post")
    html = officer_client.get(_assign_url(waiting, post)).content.decode()
    assert "✗" in html and "仍作此安排的理由" in html
    response = officer_client.post(
        _assign_url(waiting, post), {"start_date": PLACED_ON.isoformat(), "title": "副局长"}
    )
    assert response.status_code == 200
    assert not Assignment.objects.exists()


def test_a_reason_given_on_the_assign_page_is_kept_with_the_placement_and_shown_on_the_timeline(
    officer_client, make_secondment, cadre, post, leader_a
):
    waiting = make_secondment(cadre, "awaiting_post")
    officer_client.post(
        _assign_url(waiting, post),
        {"start_date": PLACED_ON.isoformat(), "title": "副局长", "fit_reason": "县里急需懂预算的干部"},
    )
    assignment = Assignment.objects.get()
    assert "有利于发挥作用" in assignment.fit_reason and "县里急需懂预算的干部" in assignment.fit_reason
    event = SecondmentEvent.objects.filter(secondment=waiting, action="assign").get()
    assert "县里急需懂预算的干部" in event.note
    page = officer_client.get(waiting.get_absolute_url()).content.decode()
    assert "县里急需懂预算的干部" in page


def test_a_post_passing_every_test_is_placed_without_a_reason(
    officer_client, make_secondment, make_cadre, fitting_post, specialty, leader_a
):
    waiting = make_secondment(make_cadre(specialties=[specialty]), "awaiting_post")
    html = officer_client.get(_assign_url(waiting, fitting_post)).content.decode()
    assert "✗" not in html
    officer_client.post(
        _assign_url(waiting, fitting_post), {"start_date": PLACED_ON.isoformat(), "title": "副局长"}
    )
    assert Assignment.objects.get().fit_reason == ""


def test_the_assign_service_itself_refuses_a_failing_placement_without_a_reason(
    officer, make_secondment, cadre, post
):
    waiting = make_secondment(cadre, "awaiting_post")
    with pytest.raises(TransitionError) as refused:
        services.assign(secondment=waiting, post=post, start_date=PLACED_ON, actor=officer, fit_reason=" ")
    assert "fit_reason" in refused.value.fields


def test_a_plan_line_failing_a_test_is_not_placed_without_its_reason(
    officer_client, make_secondment, cadre, post, leader_a
):
    waiting = make_secondment(cadre, "awaiting_post")
    response = officer_client.post(
        reverse("assignments:batch_plan_accept"),
        {"start_date": PLACED_ON.isoformat(), "line": [f"{waiting.pk}:{post.pk}"]},
        follow=True,
    )
    assert "请填写仍作此安排的理由" in response.content.decode()
    assert not Assignment.objects.exists()


def test_staff_set_a_plan_line_s_title_and_duties_and_its_reason(
    officer_client, make_secondment, cadre, post, leader_a
):
    waiting = make_secondment(cadre, "awaiting_post")
    key = f"{waiting.pk}-{post.pk}"
    officer_client.post(
        reverse("assignments:batch_plan_accept"),
        {
            "start_date": PLACED_ON.isoformat(),
            "line": [f"{waiting.pk}:{post.pk}"],
            f"title-{key}": "局长助理",
            f"duties-{key}": "协助分管预算绩效",
            f"reason-{key}": "预算改革需要",
        },
    )
    assignment = Assignment.objects.get()
    assert (assignment.title, assignment.duties) == ("局长助理", "协助分管预算绩效")
    assert "预算改革需要" in assignment.fit_reason


def test_a_plan_line_left_with_empty_title_and_duties_takes_the_post_s(
    officer_client, make_secondment, make_cadre, make_post, specialty, leader_a
):
    post = make_post(
        title="副局长", portfolio="财政金融工作", specialties=[specialty], strong_team=True, broad_scope=True
    )
    waiting = make_secondment(make_cadre(specialties=[specialty]), "awaiting_post")
    officer_client.post(
        reverse("assignments:batch_plan_accept"),
        {"start_date": PLACED_ON.isoformat(), "line": [f"{waiting.pk}:{post.pk}"]},
    )
    assignment = Assignment.objects.get()
    assert (assignment.title, assignment.duties) == ("副局长", "财政金融工作")


def test_the_plan_page_offers_each_line_s_title_duties_and_a_reason_box_where_a_test_fails(
    officer_client, make_secondment, make_cadre, make_post, specialty, settings
):
    settings.PLACEMENT_MINIMUM_SCORE = 0
    post = make_post(title="副局长", portfolio="财政金融工作", specialties=[specialty])
    waiting = make_secondment(make_cadre(specialties=[specialty]), "awaiting_post")
    html = officer_client.get(reverse("assignments:batch_plan")).content.decode()
    key = f"{waiting.pk}-{post.pk}"
    assert f'name="title-{key}" value="副局长"' in html
    assert f'name="duties-{key}">财政金融工作</textarea>' in html
    assert f'name="reason-{key}"' in html


def test_an_unplaced_cadre_links_to_their_page_and_to_a_new_post_in_the_unit_that_asked(
    officer_client, make_secondment, make_cadre, make_post, specialty, unit_a
):
    make_post(title="副局长", specialties=[specialty], strong_team=True, broad_scope=True)
    make_secondment(make_cadre("张一", specialties=[specialty]), "awaiting_post")
    second = make_secondment(
        make_cadre("李二", birth_date=datetime.date(1982, 9, 3), specialties=[specialty]), "awaiting_post"
    )
    response = officer_client.get(reverse("assignments:batch_plan"))
    [unplaced] = response.context["plan"].unplaced
    html = response.content.decode()
    assert second.get_absolute_url() in html
    assert reverse("assignments:post_create") + f"?unit={unit_a.pk}&amp;specialty={specialty.pk}" in html
    form = officer_client.get(reverse("assignments:post_create") + unplaced.new_post_query).context["form"]
    assert form.initial["specialties"] == [str(specialty.pk)]
    assert "同分" in unplaced.reason


def test_a_refused_plan_comes_back_with_what_staff_typed_into_its_lines(
    officer_client, make_secondment, make_cadre, specialty, fitting_post, leader_a
):
    waiting = make_secondment(make_cadre(specialties=[specialty]), "awaiting_post")
    key = f"{waiting.pk}-{fitting_post.pk}"
    assert f'name="title-{key}"' in officer_client.get(reverse("assignments:batch_plan")).content.decode()
    start = PLACED_ON + datetime.timedelta(days=1)

    response = officer_client.post(
        reverse("assignments:batch_plan_accept"),
        {
            "start_date": start.isoformat(),
            f"title-{key}": "局长助理",
            f"duties-{key}": "协助分管预算绩效和债务管理",
        },
        follow=True,
    )

    page = response.content.decode()
    assert "请至少勾选一行" in page
    assert 'value="局长助理"' in page and "协助分管预算绩效和债务管理</textarea>" in page
    assert f'value="{start.isoformat()}"' in page and 'id="line-1" checked' not in page
    assert not Assignment.objects.exists()
    # Typed text is kept for the one page that follows the refusal, not for ever.
    again = officer_client.get(reverse("assignments:batch_plan")).content.decode()
    assert "协助分管预算绩效和债务管理" not in again
