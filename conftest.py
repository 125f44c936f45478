"""The day every test runs on, the personas, and small builders shared by every test.

The whole suite, the browser tests and the live server they talk to included,
runs on one fixed day, DEFAULT_TODAY, held there by time-machine: each test
starts at 10:00 in the county's time zone and the clock ticks on from there.
``pytest --today 2028-02-29`` runs it on another day. Test dates are written
relative to it: ``days_ago(20)``, ``months_ago(15)``, ``day(-1)``.

The personas mirror the people who use guazhi: an officer of the county
organization department, leaders of two receiving units, a liaison of a
sending unit, and an anonymous visitor.
"""

import argparse
import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from cadres.choices import Gender, MembershipRole, PoliticalStatus, UnitTier
from cadres.models import Cadre, Specialty, Unit, UnitMembership
from cadres.validators import check_digit
from guazhi.access import ORG_STAFF_GROUP
from guazhi.dates import add_months, term_end

# --- the day the suite runs on ------------------------------------------------

# An ordinary day: a Wednesday in mid-June, far from a month's or a year's end.
DEFAULT_TODAY = datetime.date(2026, 6, 17)
CLOCK = datetime.time(10, 0)

TODAY = DEFAULT_TODAY
_travel: time_machine.travel | None = None
_traveller: time_machine.Traveller | None = None


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real day written YYYY-MM-DD") from None


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        type=_day,
        default=DEFAULT_TODAY,
        metavar="YYYY-MM-DD",
        help=f"run the suite on this day, at {CLOCK:%H:%M} local time (default {DEFAULT_TODAY})",
    )


def pytest_configure(config):
    """Set the day before any test module is imported, and move the clock there."""
    global _travel, _traveller
    _set_today(config.getoption("today"))
    _travel = time_machine.travel(local_time(TODAY, CLOCK.hour, CLOCK.minute), tick=True)
    _traveller = _travel.start()


def pytest_unconfigure(config):
    if _travel is not None:
        _travel.stop()


@pytest.fixture(autouse=True)
def _clock_at_ten():
    """Each test starts at 10:00 on TODAY, however long the tests before it took."""
    _traveller.move_to(local_time(TODAY, CLOCK.hour, CLOCK.minute))


@pytest.fixture(autouse=True)
def _chinese_first():
    """Each test starts in the interface's language: a page asked for in English leaves its
    language active in the thread, and the next test must not inherit it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def pytest_report_header(config):
    return f"today: {TODAY} (pytest --today YYYY-MM-DD to run on another day)"


def day(offset: int) -> datetime.date:
    """TODAY moved by a number of days: day(-1) is yesterday, day(1) tomorrow."""
    return TODAY + datetime.timedelta(days=offset)


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def days_ahead(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def months_ago(n: int) -> datetime.date:
    """The same day n months back; where that month is shorter, its last day."""
    return add_months(TODAY, -n)


def months_ahead(n: int) -> datetime.date:
    return add_months(TODAY, n)


def local_time(on: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment of a day in the county's time zone (Beijing time)."""
    return datetime.datetime.combine(
        on, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )


def _set_today(today: datetime.date) -> None:
    """Fix TODAY and the dates the shared builders measure from it."""
    global TODAY, TERM_START, ROUND_TITLE, ROUND_PERIOD, ROUND_DUE
    TODAY = today
    # The default term began ten months ago and runs two years: in post, far from its end.
    TERM_START = months_ago(10)
    # The default round appraises last year and is due in a month: open, nothing late yet.
    ROUND_TITLE = f"{TODAY.year - 1}年度考核"
    ROUND_PERIOD = (datetime.date(TODAY.year - 1, 1, 1), datetime.date(TODAY.year - 1, 12, 31))
    ROUND_DUE = days_ahead(30)


_set_today(DEFAULT_TODAY)


def make_id_number(birth: datetime.date, male: bool = True, region: str = "430102", serial: int = 12) -> str:
    sex_digit = 1 if male else 2
    first17 = f"{region}{birth:%Y%m%d}{serial:02d}{sex_digit}"
    return first17 + check_digit(first17)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def unit_a(db) -> Unit:
    return Unit.objects.create(name="县财政局", tier=UnitTier.COUNTY, receives=True)


@pytest.fixture
def unit_b(db) -> Unit:
    return Unit.objects.create(name="青山镇", tier=UnitTier.TOWNSHIP, receives=True)


@pytest.fixture
def sending_unit(db) -> Unit:
    return Unit.objects.create(name="省财政厅", tier=UnitTier.PROVINCIAL, sends=True)


@pytest.fixture
def other_sending_unit(db) -> Unit:
    return Unit.objects.create(name="市商务局", tier=UnitTier.MUNICIPAL, sends=True)


def _user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, password="x-pass-9876", **extra)


@pytest.fixture
def officer(db):
    """Alice, an officer of the county organization department."""
    user = _user("alice", first_name="爱丽", last_name="组织部", email="alice@example.org")
    user.groups.add(Group.objects.get(name=ORG_STAFF_GROUP))
    return user


@pytest.fixture
def leader_a(unit_a):
    """Bob, leader of receiving unit A."""
    user = _user("bob", first_name="博", last_name="王", email="bob@example.org")
    UnitMembership.objects.create(user=user, unit=unit_a, role=MembershipRole.LEADER)
    return user


@pytest.fixture
def leader_b(unit_b):
    """Charlie, leader of receiving unit B."""
    user = _user("charlie", first_name="查理", last_name="周", email="charlie@example.org")
    UnitMembership.objects.create(user=user, unit=unit_b, role=MembershipRole.LEADER)
    return user


@pytest.fixture
def liaison(sending_unit):
    """Dora, liaison of the sending unit."""
    user = _user("dora", first_name="朵拉", last_name="赵", email="dora@example.org")
    UnitMembership.objects.create(user=user, unit=sending_unit, role=MembershipRole.LIAISON)
    return user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def officer_client(officer) -> Client:
    return client_for(officer)


@pytest.fixture
def specialty(db) -> Specialty:
    return Specialty.objects.create(name="财政金融")


@pytest.fixture
def make_cadre(db, sending_unit):
    """Build a cadre with valid defaults; keyword arguments override them."""
    counter = iter(range(10, 99))

    def build(name: str = "张国华", **fields) -> Cadre:
        birth = fields.pop("birth_date", datetime.date(1980, 4, 12))
        gender = fields.pop("gender", Gender.MALE)
        defaults = {
            "gender": gender,
            "birth_date": birth,
            "political_status": PoliticalStatus.CPC_MEMBER,
            "home_unit": sending_unit,
            "id_number": make_id_number(birth, gender == Gender.MALE, serial=next(counter)),
            "leadership_level": "deputy_division_head",
        }
        defaults.update(fields)
        specialties = defaults.pop("specialties", [])
        cadre = Cadre.objects.create(name=name, **defaults)
        if specialties:
            cadre.specialties.set(specialties)
        return cadre

    return build


@pytest.fixture
def cadre(make_cadre) -> Cadre:
    return make_cadre()


# --- secondments, built through the real services ---------------------------


@pytest.fixture
def make_post(db, unit_a):
    from assignments.models import Post

    def build(unit=None, title="副局长", **fields) -> Post:
        specialties = fields.pop("specialties", [])
        fields.setdefault("quota", 1)
        post = Post.objects.create(unit=unit or unit_a, title=title, **fields)
        if specialties:
            post.specialties.set(specialties)
        return post

    return build


@pytest.fixture
def post(make_post):
    return make_post()


@pytest.fixture
def make_secondment(db, officer, sending_unit):
    """A secondment walked through the services to the state asked for."""
    from assignments import services

    def build(cadre, state="expected", post=None, start=None, months=24, **fields):
        start = start or TERM_START
        end = fields.pop("term_end", term_end(start, months))
        secondment = services.register_secondment(
            cadre=cadre,
            sending_unit=fields.pop("sending_unit", sending_unit),
            term_start=start,
            term_end=end,
            batch=fields.pop("batch", f"{start.year}年省派第一批"),
            actor=officer,
        )
        if state == "expected":
            return secondment
        services.report_arrival(secondment=secondment, reported_on=start, actor=officer)
        if state == "awaiting_post":
            return _fresh(secondment)
        services.assign(secondment=secondment, post=post, start_date=start, actor=officer)
        if state == "in_post":
            return _fresh(secondment)
        if state == "ended_early":
            services.end_early(secondment=secondment, end_date=start, reason="工作需要", actor=officer)
            return _fresh(secondment)
        services.start_review(secondment=secondment, actor=officer, today=end)
        if state == "under_review":
            return _fresh(secondment)
        services.complete_secondment(secondment=secondment, end_date=end, actor=officer)
        return _fresh(secondment)

    return build


def _fresh(secondment):
    secondment.refresh_from_db()
    return secondment


@pytest.fixture
def placed_in_a(make_secondment, cadre, post):
    """A cadre in post in unit A, sent by the liaison's unit."""
    return make_secondment(cadre, "in_post", post=post)


# --- appraisals and end-of-term reviews, built through the real services -----


@pytest.fixture
def make_round(db, officer):
    """An appraisal round opened through the service; keyword arguments pick the subset."""
    from evaluations import services

    def build(title: str = "", kind: str = "annual", **subset):
        appraisal_round, _added = services.open_round(
            title=title or ROUND_TITLE,
            kind=kind,
            period_start=ROUND_PERIOD[0],
            period_end=ROUND_PERIOD[1],
            due_date=ROUND_DUE,
            actor=officer,
            **subset,
        )
        return appraisal_round

    return build


FILLED_APPRAISAL = {
    "morality": "good",
    "morality_remarks": "政治立场坚定",
    "ability": "good",
    "ability_remarks": "",
    "diligence": "fairly_good",
    "diligence_remarks": "",
    "achievement": "good",
    "achievement_remarks": "牵头化解债务风险",
    "integrity": "good",
    "integrity_remarks": "",
    "grade": "competent",
    "ungraded_reason": "",
    "strengths": "业务精通，敢于担当",
    "weaknesses": "基层经验尚需积累",
    "hopes": "进一步深入基层",
}

REVIEW_STEPS = ["collecting", "appraised", "reviewed", "fed_back", "archived"]


@pytest.fixture
def make_review(db, officer, make_secondment):
    """An end-of-term review walked through the services up to the step asked for."""
    from evaluations import services
    from evaluations.tests.leaving import finish_leaving_steps
    from guazhi.tests.people import second_officer

    def build(cadre, post, step: str = "collecting", **fields):
        secondment = make_secondment(cadre, "in_post", post=post, **fields)
        review = services.start_term_review(secondment=secondment, actor=officer, today=secondment.term_end)
        target = REVIEW_STEPS.index(step)
        if target >= 1:
            services.record_self_summary(review=review, text="两年来，我认真履行挂职职责。", actor=officer)
            services.record_democratic_rating(
                review=review,
                raters=20,
                votes={"excellent": 8, "competent": 12},
                rated_on=days_ago(30),
                actor=officer,
            )
            services.file_appraisal(appraisal=review.appraisal, data=FILLED_APPRAISAL, actor=officer)
            services.confirm_appraisal(appraisal=review.appraisal, actor=second_officer())
        if target >= 2:
            services.record_org_opinion(
                review=review, opinion="同意接收单位鉴定意见。", final_grade="competent", actor=officer
            )
        if target >= 3:
            services.record_feedback(review=review, fed_back_on=TODAY, actor=officer)
        if target >= 4:
            finish_leaving_steps(review, officer)
            services.archive_review(review=review, actor=officer)
        review.refresh_from_db()
        review.secondment.refresh_from_db()
        return review

    return build
