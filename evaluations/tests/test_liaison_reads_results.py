"""The sending unit's liaison reads results, not drafts: appraisal lines and talk notes."""

import pytest

from assignments import services as assignment_services
from assignments.choices import TalkerRole, TalkKind
from conftest import FILLED_APPRAISAL, client_for, days_ago
from evaluations import services
from guazhi.tests.people import second_officer


@pytest.fixture
def appraisal(make_round, placed_in_a):
    return make_round(title="2026年度考核").appraisals.get(secondment=placed_in_a)


def _page(user, secondment) -> str:
    return client_for(user).get(secondment.get_absolute_url()).content.decode()


def test_a_liaison_reads_nothing_of_an_appraisal_filed_and_returned(liaison, leader_a, officer, appraisal):
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    services.return_appraisal(appraisal=appraisal, reason="请补充", actor=officer)
    page = _page(liaison, appraisal.secondment)
    assert "2026年度考核" not in page
    assert "退回" not in page and "已提交" not in page
    assert client_for(liaison).get(appraisal.get_absolute_url()).status_code == 404
    assert "已退回县财政局修改" in _page(leader_a, appraisal.secondment)
    assert "已退回县财政局修改" in _page(officer, appraisal.secondment)


def test_once_confirmed_the_liaison_reads_the_result_but_not_the_drafts_before_it(
    liaison, officer, appraisal
):
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    services.return_appraisal(appraisal=appraisal, reason="请补充", actor=officer)
    services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    page = _page(liaison, appraisal.secondment)
    assert "2026年度考核：组织部已确认" in page
    assert "退回" not in page and "重新提交" not in page
    assert client_for(liaison).get(appraisal.get_absolute_url()).status_code == 200


def _talk(secondment, officer, role=TalkerRole.RECEIVING_LEADER):
    return assignment_services.record_talk(
        secondment=secondment,
        date=days_ago(3),
        kind=TalkKind.ROUTINE,
        talker="赵局长",
        talker_role=role,
        issues_thinking="想多下基层",
        issues_living="住宿离单位较远",
        actor=officer,
    )


def test_a_liaison_sees_who_talked_and_when_but_not_what_was_said(liaison, leader_a, officer, placed_in_a):
    _talk(placed_in_a, officer)
    page = _page(liaison, placed_in_a)
    assert "赵局长" in page and "日常谈心" in page
    assert "想多下基层" not in page and "住宿离单位较远" not in page
    assert "想多下基层" in _page(leader_a, placed_in_a)
    assert "住宿离单位较远" in _page(officer, placed_in_a)


def test_a_setting_lets_liaisons_read_the_notes_of_talks(liaison, officer, placed_in_a, settings):
    _talk(placed_in_a, officer)
    settings.GUAZHI = {**settings.GUAZHI, "LIAISONS_READ_TALK_NOTES": True}
    assert "想多下基层" in _page(liaison, placed_in_a)


def test_a_liaison_reads_the_notes_of_a_talk_held_by_the_sending_unit(liaison, officer, placed_in_a):
    _talk(placed_in_a, officer, role=TalkerRole.SENDING_UNIT)
    assert "想多下基层" in _page(liaison, placed_in_a)
