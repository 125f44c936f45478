"""Every workflow action from every state: allowed where DESIGN.md draws an arrow, refused elsewhere."""

import datetime

import pytest

from assignments import services
from assignments.choices import SecondmentStatus as S
from assignments.models import Secondment, SecondmentEvent
from conftest import TERM_START
from guazhi.dates import add_months
from guazhi.workflow import TransitionError

STATES = [S.EXPECTED, S.AWAITING_POST, S.IN_POST, S.UNDER_REVIEW, S.COMPLETED, S.ENDED_EARLY]


def _report(secondment, officer, other_post):
    return services.report_arrival(
        secondment=secondment, reported_on=TERM_START + datetime.timedelta(days=1), actor=officer
    )


def _assign(secondment, officer, other_post):
    return services.assign(
        secondment=secondment, post=other_post, start_date=add_months(TERM_START, 1), actor=officer
    )


def _reassign(secondment, officer, other_post):
    return services.reassign(
        secondment=secondment, post=other_post, start_date=add_months(TERM_START, 3), actor=officer
    )


def _extend(secondment, officer, other_post):
    return services.extend_term(
        secondment=secondment, new_end=secondment.term_end + datetime.timedelta(days=365), actor=officer
    )


def _end_early(secondment, officer, other_post):
    return services.end_early(
        secondment=secondment, end_date=add_months(TERM_START, 4), reason="原单位召回", actor=officer
    )


def _start_review(secondment, officer, other_post):
    return services.start_review(secondment=secondment, actor=officer, today=secondment.term_end)


def _complete(secondment, officer, other_post):
    return services.complete_secondment(secondment=secondment, end_date=secondment.term_end, actor=officer)


ACTIONS = {
    "report": (_report, {S.EXPECTED: S.AWAITING_POST}),
    "assign": (_assign, {S.AWAITING_POST: S.IN_POST}),
    "reassign": (_reassign, {S.IN_POST: S.IN_POST}),
    "extend": (_extend, {S.IN_POST: S.IN_POST}),
    "end_early": (
        _end_early,
        {
            S.EXPECTED: S.ENDED_EARLY,
            S.AWAITING_POST: S.ENDED_EARLY,
            S.IN_POST: S.ENDED_EARLY,
            S.UNDER_REVIEW: S.ENDED_EARLY,
        },
    ),
    "start_review": (_start_review, {S.IN_POST: S.UNDER_REVIEW}),
    "complete": (_complete, {S.UNDER_REVIEW: S.COMPLETED}),
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_action_is_allowed_only_from_the_states_the_workflow_draws(
    make_secondment, make_post, cadre, officer, action, state
):
    first_post = make_post(title="副局长")
    other_post = make_post(title="局长助理")
    secondment = make_secondment(cadre, state, post=first_post)
    run, allowed = ACTIONS[action]
    events_before = SecondmentEvent.objects.filter(secondment=secondment).count()
    if state in allowed:
        run(secondment, officer, other_post)
        secondment.refresh_from_db()
        assert secondment.status == allowed[state]
        assert SecondmentEvent.objects.filter(secondment=secondment).count() == events_before + 1
        event = secondment.events.first()
        assert event.actor == officer
        assert (event.from_status, event.to_status) == (state, allowed[state])
    else:
        with pytest.raises(TransitionError) as error:
            run(secondment, officer, other_post)
        assert str(error.value)
        assert Secondment.objects.get(pk=secondment.pk).status == state
        assert SecondmentEvent.objects.filter(secondment=secondment).count() == events_before


def test_a_refused_step_explains_itself_in_chinese(make_secondment, cadre, officer, post):
    secondment = make_secondment(cadre, "expected")
    with pytest.raises(TransitionError) as error:
        _assign(secondment, officer, post)
    assert "待报到" in str(error.value)
    assert cadre.name in str(error.value)
