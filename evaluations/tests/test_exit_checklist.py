"""Leaving is a step of its own: the exit checklist a review opens, and archiving that waits for it."""

import pytest
from django.urls import reverse

from conftest import TODAY, client_for
from evaluations import services
from evaluations.models import ExitChecklistItem
from evaluations.tests.leaving import finish_leaving_steps
from guazhi.workflow import TransitionError

EXIT_STEPS = ["工作交接", "离任谈话", "党组织关系转回", "鉴定表归档"]


@pytest.fixture
def fed_back(make_review, cadre, post):
    return make_review(cadre, post, "fed_back")


def test_starting_a_review_opens_the_exit_steps(officer_client, fed_back):
    assert [e.item.name for e in fed_back.exit_checklist.all()] == EXIT_STEPS
    assert all(e.done_on is None for e in fed_back.exit_checklist.all())
    page = officer_client.get(fed_back.get_absolute_url()).content.decode()
    assert "离任手续" in page and all(step in page for step in EXIT_STEPS)


def test_staff_tick_an_exit_step_on_the_review_page_and_a_leader_cannot(officer_client, leader_a, fed_back):
    entry = fed_back.exit_checklist.get(item__name="工作交接")
    url = reverse("evaluations:exit_step_done", args=[fed_back.pk, entry.pk])
    assert client_for(leader_a).post(url, {"date": TODAY.isoformat()}).status_code in (403, 404)
    entry.refresh_from_db()
    assert entry.done_on is None
    officer_client.post(url, {"date": TODAY.isoformat()})
    entry.refresh_from_db()
    assert entry.done_on == TODAY
    assert fed_back.secondment.events.filter(note__startswith="工作交接").exists()
    officer_client.post(reverse("evaluations:exit_step_undo", args=[fed_back.pk, entry.pk]))
    entry.refresh_from_db()
    assert entry.done_on is None


def test_archiving_with_an_open_exit_step_is_refused(officer, officer_client, fed_back):
    finish_leaving_steps(fed_back, officer)
    entry = fed_back.exit_checklist.get(item__name="党组织关系转回")
    services.reopen_exit_step(entry=entry, actor=officer)
    with pytest.raises(TransitionError) as error:
        services.archive_review(review=fed_back, actor=officer)
    assert "党组织关系转回" in str(error.value)
    url = reverse("evaluations:review_archive", args=[fed_back.pk])
    page = officer_client.get(url).content.decode()
    assert "党组织关系转回" in page
    response = officer_client.post(url, {"date": TODAY.isoformat()}, follow=True)
    assert "党组织关系转回" in response.content.decode()
    fed_back.refresh_from_db()
    assert fed_back.status == "fed_back"


def test_archiving_with_an_open_intake_step_is_refused_too(officer, fed_back):
    for entry in fed_back.exit_checklist.all():
        services.complete_exit_step(entry=entry, done_on=TODAY, actor=officer)
    open_intake = fed_back.secondment.checklist.filter(done_on__isnull=True).first()
    assert open_intake is not None
    with pytest.raises(TransitionError) as error:
        services.archive_review(review=fed_back, actor=officer)
    assert open_intake.item.name in str(error.value)


def test_staff_archive_with_steps_open_when_they_record_why(officer, officer_client, fed_back):
    url = reverse("evaluations:review_archive", args=[fed_back.pk])
    officer_client.post(url, {"date": TODAY.isoformat(), "open_items_reason": "党组织关系由派出单位另行办理"})
    fed_back.refresh_from_db()
    assert fed_back.status == "archived"
    assert fed_back.open_items_reason == "党组织关系由派出单位另行办理"
    assert fed_back.history.first().open_items_reason == "党组织关系由派出单位另行办理"
    page = officer_client.get(fed_back.get_absolute_url()).content.decode()
    assert "党组织关系由派出单位另行办理" in page


def test_archiving_once_every_step_is_done_needs_no_reason(officer, fed_back):
    finish_leaving_steps(fed_back, officer)
    services.archive_review(review=fed_back, actor=officer)
    fed_back.refresh_from_db()
    assert fed_back.status == "archived" and fed_back.open_items_reason == ""


def test_the_exit_steps_are_reference_data_edited_in_the_admin(
    admin_client, officer, make_review, cadre, post
):
    response = admin_client.get(reverse("admin:evaluations_exitchecklistitem_changelist"))
    assert response.status_code == 200
    ExitChecklistItem.objects.filter(name="鉴定表归档").update(active=False)
    ExitChecklistItem.objects.create(name="周转房退还", order=50)
    review = make_review(cadre, post)
    names = [e.item.name for e in review.exit_checklist.all()]
    assert "鉴定表归档" not in names and names[-1] == "周转房退还"
