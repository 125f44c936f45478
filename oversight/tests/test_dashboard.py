"""The home page: each watch's count, linked to its list, and the open items of each receiving unit."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for, days_ago
from worklog.choices import ProjectRole

from .radar_help import file_unread, radar_quiet, take_leave


def neglected(make_secondment, make_cadre, make_post, index, unit=None):
    cadre = make_cadre(f"张{index}", birth_date=datetime.date(1960 + index, 1, 1))
    return make_secondment(
        cadre, "in_post", post=make_post(unit=unit, title=f"岗位{index}"), start=days_ago(200)
    )


def counts(response) -> dict[str, int]:
    return {item.watch.key: item.count for item in response.context["watch_counts"]}


def test_staff_see_each_count_linked_to_the_list_behind_it(
    officer_client, make_secondment, make_cadre, make_post
):
    neglected(make_secondment, make_cadre, make_post, 0)
    response = officer_client.get(reverse("home"))
    assert counts(response)["no_talk"] == 1
    html = response.content.decode()
    assert reverse("oversight:watch_list", args=["no_talk"]) in html
    assert "90天未谈心谈话" in html
    assert "各接收单位待办事项" in html


def test_a_leader_s_dashboard_shows_only_their_unit(
    leader_a, leader_b, unit_a, unit_b, make_secondment, make_cadre, make_post
):
    neglected(make_secondment, make_cadre, make_post, 0, unit=unit_a)
    neglected(make_secondment, make_cadre, make_post, 1, unit=unit_b)
    neglected(make_secondment, make_cadre, make_post, 2, unit=unit_b)
    response = client_for(leader_a).get(reverse("home"))
    assert counts(response)["no_talk"] == 1
    assert [row.unit_name for row in response.context["unit_rows"]] == ["县财政局"]
    assert "青山镇" not in response.content.decode()
    assert counts(client_for(leader_b).get(reverse("home")))["no_talk"] == 2


def test_a_leader_s_table_is_headed_by_their_unit_and_has_no_waiting_for_a_post(
    leader_a, unit_a, make_secondment, make_cadre, make_post
):
    neglected(make_secondment, make_cadre, make_post, 0, unit=unit_a)
    response = client_for(leader_a).get(reverse("home"))
    html = response.content.decode()
    assert '<h2 id="units-heading" class="h5">县财政局待办事项</h2>' in html
    assert "各接收单位待办事项" not in html
    assert "waiting" not in counts(response)
    assert 'data-watch="waiting"' not in html and "待安排岗位" not in html


def test_staff_and_liaisons_still_see_who_waits_for_a_post(officer_client, liaison):
    assert "waiting" in counts(officer_client.get(reverse("home")))
    assert "waiting" in counts(client_for(liaison).get(reverse("home")))


def test_the_greeting_names_the_person_family_name_first(leader_a):
    html = client_for(leader_a).get(reverse("home")).content.decode()
    assert "您好，王博</h1>" in html


def test_a_liaison_s_dashboard_shows_the_cadres_their_unit_sent(
    liaison, other_sending_unit, make_secondment, make_cadre, make_post
):
    neglected(make_secondment, make_cadre, make_post, 0)
    cadre = make_cadre("李四", birth_date=datetime.date(1985, 1, 1))
    make_secondment(
        cadre, "in_post", post=make_post(title="其他"), start=days_ago(200), sending_unit=other_sending_unit
    )
    assert counts(client_for(liaison).get(reverse("home")))["no_talk"] == 1


def test_the_dashboard_runs_the_same_queries_for_one_secondment_and_for_twenty(
    officer_client, officer, make_secondment, make_cadre, make_post
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(reverse("home")).status_code == 200
        return len(captured)

    def with_work(index):
        # Monthly records (one unread), a project and leave: what the radar's watches read.
        secondment = neglected(make_secondment, make_cadre, make_post, index)
        radar_quiet(secondment, officer, role=ProjectRole.TAKES_PART)
        file_unread(secondment, officer, 45)
        take_leave(secondment, officer, 100, 50)

    with_work(0)
    one = queries()
    for index in range(1, 20):
        with_work(index)
    assert queries() == one


def test_someone_linked_to_no_unit_is_told_what_to_do(db, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x-pass-9876")
    response = client_for(nobody).get(reverse("home"))
    assert response.context["watch_counts"] == []
    assert "您的账号尚未关联单位" in response.content.decode()


def test_a_unit_cell_links_to_the_list_filtered_by_that_unit(
    officer_client, unit_a, make_secondment, make_cadre, make_post
):
    neglected(make_secondment, make_cadre, make_post, 0, unit=unit_a)
    html = officer_client.get(reverse("home")).content.decode()
    assert reverse("oversight:watch_list", args=["no_talk"]) + f"?unit={unit_a.pk}" in html
