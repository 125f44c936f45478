"""Pages offer what the user may do, from flags the views and the navigation compute once: links to
the organization department's pages, the appraisal queue's kind, the change history."""

from django.urls import reverse

from conftest import client_for


def test_a_leader_is_not_offered_the_departments_pages_or_the_history(leader_a, placed_in_a):
    response = client_for(leader_a).get(placed_in_a.get_absolute_url())
    html = response.content.decode()
    assert response.context["staff_pages"] is False
    assert response.context["history"] is None
    assert reverse("assignments:post_list") not in html
    assert placed_in_a.assignments.get().post.get_absolute_url() not in html


def test_staff_are_offered_the_departments_pages_and_the_history(officer_client, placed_in_a):
    response = officer_client.get(placed_in_a.get_absolute_url())
    html = response.content.decode()
    assert response.context["staff_pages"] is True
    assert response.context["history"] is not None
    assert placed_in_a.assignments.get().post.get_absolute_url() in html


def test_the_home_queue_is_to_confirm_for_staff_and_to_file_for_a_leader(
    officer_client, leader_a, placed_in_a, make_round
):
    appraisal = make_round().appraisals.get()
    leader_home = client_for(leader_a).get(reverse("home"))
    assert leader_home.context["appraisal_queue"].confirms is False
    assert reverse("evaluations:appraisal_file", args=[appraisal.pk]) in leader_home.content.decode()
    assert officer_client.get(reverse("home")).context["appraisal_queue"].confirms is True


def test_the_queue_page_says_what_the_user_does_with_it(officer_client, leader_a, placed_in_a, make_round):
    make_round()
    assert officer_client.get(reverse("evaluations:my_appraisals")).context["confirming"] is True
    leader_page = client_for(leader_a).get(reverse("evaluations:my_appraisals"))
    assert leader_page.context["confirming"] is False
    assert "填写考核" in leader_page.content.decode()
