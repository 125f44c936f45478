"""The pages and the roster import take a step by the same rule and write it in the same words:
a placement's line on the timeline, the intake checklist's start, and the term that moves only by
extension once the cadre has reported."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments import services
from assignments.models import Secondment
from assignments.roster import RosterInvalid, read_workbook
from cadres.models import Cadre
from guazhi.workflow import TransitionError

from .roster_helpers import roster_row, workbook_bytes


def _import(rows, actor):
    sheet = read_workbook(io.BytesIO(workbook_bytes(rows)), name="roster.xlsx")
    return services.import_roster(sheet=sheet, actor=actor)


def _term_from(days_ago: int) -> dict:
    """A roster row's term that began, and was reported for, some days ago, and runs two years."""
    start = timezone.localdate() - datetime.timedelta(days=days_ago)
    end = start + datetime.timedelta(days=730)
    return {"挂职开始": start.isoformat(), "报到日期": start.isoformat(), "挂职结束": end.isoformat()}


def test_an_imported_placement_reads_on_the_timeline_as_one_made_on_the_page(
    officer, sending_unit, unit_a, specialty, make_cadre, make_secondment, make_post
):
    post = make_post(title="副局长", quota=2)
    _import([roster_row(1, **_term_from(30))], officer)
    imported = Secondment.objects.get(cadre__name="干部0001")
    on_the_page = make_secondment(
        make_cadre("李明轩"), "awaiting_post", start=imported.term_start, term_end=imported.term_end
    )
    services.assign(
        secondment=on_the_page, post=post, start_date=imported.reported_on, title="副局长", actor=officer
    )
    lines = [s.events.get(action="assign").note for s in (imported, on_the_page)]
    assert lines[0] == lines[1] != ""


def test_the_import_starts_the_intake_checklist_with_the_due_dates_reporting_gives(
    officer, sending_unit, unit_a, specialty, make_cadre, make_secondment
):
    _import([roster_row(1, **_term_from(10), 挂职单位="", 挂任职务="", 分管工作="")], officer)
    imported = Secondment.objects.get(cadre__name="干部0001")
    on_the_page = make_secondment(make_cadre("李明轩"), start=imported.term_start, term_end=imported.term_end)
    services.report_arrival(secondment=on_the_page, reported_on=imported.reported_on, actor=officer)
    due = [sorted(s.checklist.values_list("item__name", "due_on")) for s in (imported, on_the_page)]
    assert due[0] == due[1] != []


def test_once_the_cadre_has_reported_the_edit_step_and_the_import_refuse_a_new_term_end_alike(
    officer, sending_unit, unit_a, specialty
):
    row = roster_row(1, **_term_from(60))
    _import([row], officer)
    secondment = Secondment.objects.get()
    later = secondment.term_end + datetime.timedelta(days=90)
    with pytest.raises(TransitionError) as by_the_page:
        services.edit_secondment(secondment=secondment, actor=officer, term_end=later)
    with pytest.raises(RosterInvalid) as by_the_import:
        _import([{**row, "挂职结束": later.isoformat()}], officer)
    assert [error.reason for error in by_the_import.value.check.errors] == [by_the_page.value.message]
    secondment.refresh_from_db()
    assert secondment.term_end == later - datetime.timedelta(days=90)


def test_an_expected_terms_dates_are_corrected_on_its_edit_page(officer_client, make_secondment, cadre):
    secondment = make_secondment(cadre, "expected")
    start = secondment.term_start + datetime.timedelta(days=14)
    response = officer_client.post(
        reverse("assignments:secondment_edit", args=[secondment.pk]),
        {
            "sending_unit": secondment.sending_unit_id,
            "batch": secondment.batch,
            "term_start": start.isoformat(),
            "term_end": secondment.term_end.isoformat(),
        },
    )
    assert response.status_code == 302
    secondment.refresh_from_db()
    assert secondment.term_start == start


def test_a_term_that_has_ended_is_not_edited(officer, make_secondment, cadre, post):
    ended = make_secondment(cadre, "ended_early", post=post)
    with pytest.raises(TransitionError):
        services.edit_secondment(secondment=ended, actor=officer, batch="更正")
    ended.refresh_from_db()
    assert ended.batch != "更正"


def test_a_new_cadre_registered_with_a_refused_term_is_not_written(officer, sending_unit):
    start = timezone.localdate()
    with pytest.raises(TransitionError):
        services.register_secondment(
            new_cadre={
                "name": "李明轩",
                "gender": "male",
                "birth_date": datetime.date(1982, 9, 1),
                "political_status": "01",
                "home_unit": sending_unit,
            },
            sending_unit=sending_unit,
            term_start=start,
            term_end=start,
            actor=officer,
        )
    assert not Cadre.objects.exists()
    assert not Secondment.objects.exists()


def test_a_cadre_and_a_term_registered_together_are_both_on_file(officer_client, officer, sending_unit):
    start = timezone.localdate()
    response = officer_client.post(
        reverse("assignments:secondment_register"),
        {
            "cadre-name": "李明轩",
            "cadre-gender": "male",
            "cadre-birth_date": "1982.09",
            "cadre-ethnicity": "01",
            "cadre-political_status": "01",
            "cadre-home_unit": sending_unit.pk,
            "s-sending_unit": sending_unit.pk,
            "s-term_start": start.isoformat(),
            "s-term_end": (start + datetime.timedelta(days=730)).isoformat(),
        },
    )
    secondment = Secondment.objects.get()
    assert response.url == secondment.get_absolute_url()
    assert secondment.cadre.history.get().history_user == officer
    assert secondment.events.get().action == "register"
