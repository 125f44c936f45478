import datetime

from conftest import FILLED_APPRAISAL, ROUND_TITLE, TERM_START
from evaluations import services
from guazhi.tests.people import second_officer
from oversight.summary import county_summary


def test_the_county_summary_counts_confirmed_grades_per_round(
    officer, make_secondment, make_cadre, make_post, make_round
):
    first = make_secondment(make_cadre("张一"), "in_post", post=make_post(title="副局长"))
    second = make_secondment(
        make_cadre("李二", birth_date=datetime.date(1982, 9, 3)), "in_post", post=make_post(title="局长助理")
    )
    appraisal_round = make_round()
    excellent, competent = (s.appraisals.get(round=appraisal_round) for s in (first, second))
    services.file_appraisal(
        appraisal=excellent, data={**FILLED_APPRAISAL, "grade": "excellent"}, actor=officer
    )
    services.confirm_appraisal(appraisal=excellent, actor=second_officer())
    services.file_appraisal(appraisal=competent, data=FILLED_APPRAISAL, actor=officer)

    summary = county_summary(officer, TERM_START.year)
    table = next(t for t in summary.tables if t.key == "grades_by_round")
    assert table.headers[:4] == ["考核批次", "合计", "优秀", "称职"]
    assert table.rows == [[ROUND_TITLE, 1, 1, 0, 0, 0, 0]]
    assert summary.charts["grades_by_round"]["labels"] == [ROUND_TITLE]
