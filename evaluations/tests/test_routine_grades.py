"""A routine (平时) appraisal is graded 好 / 较好 / 一般 / 较差; annual and end-of-term ones 优秀 to 不称职."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from conftest import FILLED_APPRAISAL, client_for
from evaluations import services
from evaluations.models import Appraisal
from evaluations.selectors import round_summary
from guazhi.tests.people import second_officer
from guazhi.workflow import TransitionError


def _routine(make_round, placed_in_a) -> Appraisal:
    return make_round(title="2026年5月平时考核", kind="routine").appraisals.get(secondment=placed_in_a)


def _filing_page(user, appraisal) -> str:
    return client_for(user).get(reverse("evaluations:appraisal_file", args=[appraisal.pk])).content.decode()


def test_a_routine_round_offers_good_fairly_good_average_poor(leader_a, make_round, placed_in_a):
    page = _filing_page(leader_a, _routine(make_round, placed_in_a))
    for value in ("good", "fairly_good", "average", "poor"):
        assert f'name="grade" value="{value}"' in page
    assert 'name="grade" value="excellent"' not in page
    assert 'name="grade" value="ungraded"' not in page


def test_an_annual_round_offers_excellent_to_incompetent_and_no_grade(leader_a, make_round, placed_in_a):
    page = _filing_page(leader_a, make_round().appraisals.get())
    for value in ("excellent", "competent", "basically_competent", "incompetent", "ungraded"):
        assert f'name="grade" value="{value}"' in page
    assert 'name="grade" value="good"' not in page


def test_a_routine_appraisal_graded_excellent_is_refused_by_the_page_and_the_service(
    leader_a, officer, make_round, placed_in_a
):
    appraisal = _routine(make_round, placed_in_a)
    response = client_for(leader_a).post(
        reverse("evaluations:appraisal_file", args=[appraisal.pk]), {**FILLED_APPRAISAL, "action": "submit"}
    )
    assert response.status_code == 200 and response.context["form"].errors["grade"]
    with pytest.raises(TransitionError) as error:
        services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    assert "好 / 较好 / 一般 / 较差" in str(error.value)
    services.file_appraisal(appraisal=appraisal, data={**FILLED_APPRAISAL, "grade": "good"}, actor=officer)
    appraisal.refresh_from_db()
    assert appraisal.get_grade_display() == "好"


def test_an_annual_appraisal_cannot_be_graded_good(officer, make_round, placed_in_a):
    appraisal = make_round().appraisals.get()
    with pytest.raises(TransitionError):
        services.file_appraisal(
            appraisal=appraisal, data={**FILLED_APPRAISAL, "grade": "good"}, actor=officer
        )


def _three_in_a_round(make_secondment, make_cadre, make_post, make_round, kind):
    for index in range(3):
        cadre = make_cadre(f"张{index}", birth_date=datetime.date(1970 + index, 1, 1))
        make_secondment(cadre, "in_post", post=make_post(title=f"岗位{index}"))
    return make_round(title=f"{kind}考核", kind=kind)


def test_a_routine_round_warns_when_too_many_are_good_and_counts_its_own_grades(
    officer, officer_client, make_secondment, make_cadre, make_post, make_round, settings
):
    settings.GUAZHI = {**settings.GUAZHI, "GOOD_SHARE_WARNING": 0.4}
    appraisal_round = _three_in_a_round(make_secondment, make_cadre, make_post, make_round, "routine")
    for appraisal in appraisal_round.appraisals.order_by("id")[:2]:
        services.file_appraisal(
            appraisal=appraisal, data={**FILLED_APPRAISAL, "grade": "good"}, actor=officer
        )
        services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    summary = round_summary(appraisal_round)
    assert [g.label for g in summary.grades] == ["好", "较好", "一般", "较差"]
    assert summary.too_many_excellent
    page = officer_client.get(appraisal_round.get_absolute_url()).content.decode()
    assert "为“好”" in page and "超过一般掌握的40%" in page


def test_the_excellent_cap_warns_in_an_annual_round_but_not_an_end_of_term_one(
    officer, make_secondment, make_cadre, make_post, make_round
):
    appraisal_round = _three_in_a_round(make_secondment, make_cadre, make_post, make_round, "special")
    appraisal = appraisal_round.appraisals.first()
    services.file_appraisal(
        appraisal=appraisal, data={**FILLED_APPRAISAL, "grade": "excellent"}, actor=officer
    )
    services.confirm_appraisal(appraisal=appraisal, actor=second_officer())
    assert not round_summary(appraisal_round).too_many_excellent


def test_routine_grades_given_before_map_onto_the_routine_set(officer, make_round, placed_in_a):
    migration = importlib.import_module(
        "evaluations.migrations.0005_routine_appraisals_graded_in_their_own_terms"
    )
    assert migration.ROUTINE_GRADE == {
        "excellent": "good",
        "competent": "fairly_good",
        "basically_competent": "average",
        "incompetent": "poor",
        "ungraded": "",
    }
    routine = _routine(make_round, placed_in_a)
    services.file_appraisal(appraisal=routine, data={**FILLED_APPRAISAL, "grade": "average"}, actor=officer)
    # The change history has no check constraint: it holds a routine grade given the old way.
    routine.history.update(grade="competent")
    migration.grade_routine_appraisals_in_their_terms(apps, None)
    routine.refresh_from_db()
    assert routine.grade == "average"
    assert set(routine.history.values_list("grade", flat=True)) <= {"", "fairly_good"}
