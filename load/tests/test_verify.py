import pytest
from django.utils import timezone

from assignments import services as assignment_services
from assignments.choices import TalkerRole, TalkKind
from assignments.models import Talk
from conftest import FILLED_APPRAISAL
from evaluations import services as evaluation_services
from evaluations.models import Appraisal
from load.verify import verify

RUN = "LT0000test"


@pytest.fixture
def since():
    """When the run began; tests ask for it after the fixtures that build the data before the run."""
    return timezone.now()


@pytest.fixture
def appraisal(placed_in_a, make_round) -> Appraisal:
    make_round()
    return Appraisal.objects.get(secondment=placed_in_a)


def talk(secondment, actor, marker: str) -> Talk:
    return assignment_services.record_talk(
        secondment=secondment,
        date=timezone.localdate(),
        kind=TalkKind.ROUTINE,
        talker="王局长",
        talker_role=TalkerRole.RECEIVING_LEADER,
        actions_taken=f"当面交流 {marker}",
        actor=actor,
    )


def entry(kind: str, marker: str, user, pk: int) -> dict:
    return {"kind": kind, "marker": marker, "user": user.username, "object": pk}


def test_every_accepted_write_found_once_passes(placed_in_a, appraisal, leader_a, since):
    talk(placed_in_a, leader_a, f"[{RUN}-t01-0001]")
    draft = {**FILLED_APPRAISAL, "achievement_remarks": f"进度符合预期 [{RUN}-d01-0002]"}
    evaluation_services.save_appraisal_draft(appraisal=appraisal, data=draft, actor=leader_a)
    filed = {**draft, "strengths": f"善于协调 [{RUN}-s01-0003]"}
    evaluation_services.file_appraisal(appraisal=appraisal, data=filed, actor=leader_a)
    ledger = [
        entry("talk", f"[{RUN}-t01-0001]", leader_a, placed_in_a.pk),
        entry("draft", f"[{RUN}-d01-0002]", leader_a, appraisal.pk),
        entry("submit", f"[{RUN}-s01-0003]", leader_a, appraisal.pk),
    ]

    verdict = verify(ledger, run_id=RUN, since=since)

    assert verdict.ok, verdict.problems
    assert dict(verdict.verified) == {"talk": 1, "draft": 1, "submit": 1}


def test_an_accepted_talk_missing_from_the_database_fails(placed_in_a, leader_a, since):
    talk(placed_in_a, leader_a, f"[{RUN}-t01-0001]")
    ledger = [
        entry("talk", f"[{RUN}-t01-0001]", leader_a, placed_in_a.pk),
        entry("talk", f"[{RUN}-t01-0002]", leader_a, placed_in_a.pk),
    ]

    verdict = verify(ledger, run_id=RUN, since=since)

    assert verdict.problems == [f"talk [{RUN}-t01-0002] by bob: accepted, but not in the database"]


def test_a_talk_written_twice_fails(placed_in_a, leader_a, since):
    talk(placed_in_a, leader_a, f"[{RUN}-t01-0001]")
    talk(placed_in_a, leader_a, f"[{RUN}-t01-0001]")

    verdict = verify([entry("talk", f"[{RUN}-t01-0001]", leader_a, placed_in_a.pk)], run_id=RUN, since=since)

    assert verdict.problems == [f"talk [{RUN}-t01-0001] by bob: in the database 2 times"]


def test_a_talk_recorded_by_someone_else_fails(placed_in_a, leader_a, officer, since):
    talk(placed_in_a, officer, f"[{RUN}-t01-0001]")

    verdict = verify([entry("talk", f"[{RUN}-t01-0001]", leader_a, placed_in_a.pk)], run_id=RUN, since=since)

    assert len(verdict.problems) == 1
    assert verdict.problems[0].endswith("made by alice, not bob")


def test_a_submission_left_as_a_draft_fails(appraisal, leader_a, since):
    draft = {**FILLED_APPRAISAL, "strengths": f"善于协调 [{RUN}-s01-0001]"}
    evaluation_services.save_appraisal_draft(appraisal=appraisal, data=draft, actor=leader_a)

    verdict = verify([entry("submit", f"[{RUN}-s01-0001]", leader_a, appraisal.pk)], run_id=RUN, since=since)

    assert verdict.problems == [f"submit [{RUN}-s01-0001] by bob: the appraisal is pending, not submitted"]


def test_a_talk_without_its_timeline_line_fails(placed_in_a, leader_a, since):
    Talk.objects.create(
        secondment=placed_in_a,
        date=timezone.localdate(),
        kind=TalkKind.ROUTINE,
        talker="王局长",
        talker_role=TalkerRole.RECEIVING_LEADER,
        actions_taken=f"[{RUN}-t01-0001]",
        recorded_by=leader_a,
    )

    verdict = verify([entry("talk", f"[{RUN}-t01-0001]", leader_a, placed_in_a.pk)], run_id=RUN, since=since)

    assert verdict.verified["talk"] == 1
    assert verdict.problems == [
        f"secondment {placed_in_a.pk}: 1 talks in the run, but 0 such lines on its timeline"
    ]


def test_a_write_nobody_saw_confirmed_is_counted_and_does_not_fail(placed_in_a, leader_a, since):
    talk(placed_in_a, leader_a, f"[{RUN}-t01-0001]")

    verdict = verify([], run_id=RUN, since=since)

    assert verdict.ok
    assert verdict.unconfirmed["talk"] == 1


def test_markers_of_another_run_are_not_counted(placed_in_a, leader_a, since):
    talk(placed_in_a, leader_a, "[LT0000earlier-t01-0001]")

    verdict = verify([], run_id=RUN, since=since)

    assert verdict.unconfirmed["talk"] == 0
