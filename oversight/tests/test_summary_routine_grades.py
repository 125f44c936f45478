"""The county summary counts routine (平时) rounds in their own terms: 好 / 较好 / 一般 / 较差."""

from conftest import FILLED_APPRAISAL, TERM_START
from evaluations import services
from guazhi.tests.people import second_officer
from oversight.summary import county_summary


def _routine(make_round, placed_in_a):
    return make_round(title="2026年5月平时考核", kind="routine").appraisals.get(secondment=placed_in_a)


def test_the_county_summary_counts_routine_rounds_in_their_own_terms(officer, make_round, placed_in_a):
    routine = _routine(make_round, placed_in_a)
    services.file_appraisal(
        appraisal=routine, data={**FILLED_APPRAISAL, "grade": "fairly_good"}, actor=officer
    )
    services.confirm_appraisal(appraisal=routine, actor=second_officer())
    annual = make_round().appraisals.get()
    services.file_appraisal(appraisal=annual, data=FILLED_APPRAISAL, actor=officer)
    services.confirm_appraisal(appraisal=annual, actor=second_officer())
    summary = county_summary(officer, TERM_START.year)
    tables = {t.key: t for t in summary.tables}
    assert tables["routine_grades_by_round"].headers == ["考核批次", "合计", "好", "较好", "一般", "较差"]
    assert tables["routine_grades_by_round"].rows == [["2026年5月平时考核", 1, 0, 1, 0, 0]]
    assert [row[0] for row in tables["grades_by_round"].rows] == [annual.round.title]
    assert "routine_grades_by_round" in summary.charts
