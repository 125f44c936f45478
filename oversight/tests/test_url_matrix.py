import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assignments import services
from assignments.choices import LeaveKind, TalkerRole, TalkKind
from conftest import TERM_START, client_for
from guazhi.tests.samples import PDF

from .url_matrix import LOGIN, MATRIX, OWN_CADRE

PERSONAS = ["anonymous", "officer", "leader_a", "leader_b", "liaison", "own_cadre"]
SKIPPED_NAMESPACES = {"admin"}  # Django's own admin, guarded by its own staff check


def _named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{inner}:" if inner else namespace
            yield from _named_urls(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_a_row_in_the_matrix():
    missing = sorted(set(_named_urls()) - set(MATRIX))
    assert not missing, f"URLs without a row in guazhi/tests/url_matrix.py: {missing}"


def test_the_matrix_names_only_urls_that_exist():
    assert not sorted(set(MATRIX) - set(_named_urls()))


@pytest.fixture
def world(db, request, settings, tmp_path):
    """The objects the matrix rows point at, built through the fixtures and the services.

    Asking for ``db`` here, not only through the fixtures fetched below, lets
    pytest-django see that these tests use the database and run them before
    the transactional tests, whose flush would take the staff group with it.
    """
    settings.MEDIA_ROOT = tmp_path
    names = ["officer", "leader_a", "leader_b", "liaison", "cadre", "unit_a", "unit_b", "sending_unit"]
    names += ["post", "placed_in_a", "waiting"]
    names += ["review", "appraisal_round", "appraisal", "submitted_appraisal"]
    world = {name: request.getfixturevalue(name) for name in names}
    placed, officer = world["placed_in_a"], world["officer"]
    world["talk"] = services.record_talk(
        secondment=placed,
        date=TERM_START + datetime.timedelta(days=4),
        kind=TalkKind.ARRIVAL,
        talker="李干事",
        talker_role=TalkerRole.ORG_DEPARTMENT,
        follow_up="安排住宿",
        follow_up_due=TERM_START + datetime.timedelta(days=19),
        actor=officer,
    )
    world["leave"] = services.request_leave(
        secondment=placed,
        kind=LeaveKind.PERSONAL,
        start_date=TERM_START + datetime.timedelta(days=31),
        end_date=TERM_START + datetime.timedelta(days=33),
        actor=officer,
    )
    services.file_training_plan(
        secondment=placed,
        text="培养计划",
        attachment=SimpleUploadedFile("plan.pdf", PDF),
        filed_on=TERM_START + datetime.timedelta(days=19),
        actor=officer,
    )
    world["selection_need"], world["nomination"] = _selection(world)
    from cadres.services import give_account
    from worklog.services import add_project, file_monthly_record

    world["record"] = file_monthly_record(
        secondment=placed, month=TERM_START.replace(day=1), work_done="熟悉情况", actor=officer
    )
    world["project"] = add_project(
        secondment=placed, name="*药业企业服务协调", kind="investment", role="leads", actor=officer
    )
    from living.choices import CareVisitKind
    from living.services import record_care_visit

    world["care_visit"] = record_care_visit(
        secondment=placed,
        date=TERM_START + datetime.timedelta(days=10),
        kind=CareVisitKind.HOME,
        visitors="县委组织部 李干事",
        actor=officer,
    )
    world["own_cadre"] = give_account(cadre=world["cadre"], username="zhangguohua", actor=officer)[0].account
    return world


def _selection(world):
    """A published cycle with a need of unit A and the liaison's nomination (with a PDF and a .lrmx
    file) for it."""
    from cadres.tests.lrmx_samples import lrmx
    from selection import services as selection

    officer = world["officer"]
    cycle = selection.open_cycle(
        name="2027年省派第一批",
        deadline=TERM_START.replace(year=TERM_START.year + 2),
        term_start=TERM_START.replace(year=TERM_START.year + 2),
        actor=officer,
    )
    need = selection.add_need(
        cycle=cycle, unit=world["unit_a"], post=world["post"], reason="财政改革", actor=officer
    )
    selection.publish_cycle(cycle=cycle, actor=officer)
    nomination = selection.nominate(
        need=need,
        sending_unit=world["sending_unit"],
        new_cadre={
            "name": "孙八",
            "gender": "male",
            "birth_date": datetime.date(1985, 1, 2),
            "political_status": "01",
            "id_number": "110101198501020039",
        },
        reason="熟悉财政",
        attachment=SimpleUploadedFile("推荐.pdf", PDF),
        lrmx_file=SimpleUploadedFile("孙八.lrmx", lrmx()),
        actor=world["liaison"],
    )
    return need, nomination


@pytest.fixture
def waiting(make_secondment, make_cadre):
    return make_secondment(make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3)), "awaiting_post")


@pytest.fixture
def review(make_review, make_cadre, make_post, officer, settings, tmp_path):
    """A cadre of unit A under end-of-term review, with an uploaded self-summary."""
    from evaluations import services

    settings.MEDIA_ROOT = tmp_path
    review = make_review(
        make_cadre("王建国", birth_date=datetime.date(1979, 5, 6)), make_post(title="局长助理")
    )
    upload = SimpleUploadedFile("个人总结.pdf", PDF, content_type="application/pdf")
    return services.record_self_summary(review=review, upload=upload, actor=officer)


@pytest.fixture
def appraisal_round(make_round, placed_in_a, review):
    return make_round()


@pytest.fixture
def appraisal(appraisal_round, placed_in_a):
    return appraisal_round.appraisals.get(secondment=placed_in_a)


@pytest.fixture
def submitted_appraisal(appraisal_round, review, officer):
    from conftest import FILLED_APPRAISAL
    from evaluations import services

    pending = appraisal_round.appraisals.get(secondment=review.secondment)
    return services.file_appraisal(appraisal=pending, data=FILLED_APPRAISAL, actor=officer)


def _answer(response) -> int | str:
    if response.status_code == 302 and response.url.startswith(reverse(settings.LOGIN_URL)):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_persona_gets_the_expected_answer(world, url_name):
    entry = MATRIX[url_name]
    url = reverse(url_name, args=entry["args"](world)) + entry["query"](world)
    answers = {
        persona: _answer(client_for(None if persona == "anonymous" else world[persona]).get(url))
        for persona in PERSONAS
    }
    assert answers == {**entry["expect"], "own_cadre": OWN_CADRE.get(url_name, 404)}
