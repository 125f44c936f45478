"""Personas and small builders shared by every test.

The personas mirror the people who use guazhi: an officer of the county
organization department, leaders of two receiving units, a liaison of a
sending unit, and an anonymous visitor.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from cadres.choices import Gender, MembershipRole, PoliticalStatus, UnitTier
from cadres.models import Cadre, Specialty, Unit, UnitMembership
from cadres.validators import check_digit
from guazhi.access import ORG_STAFF_GROUP


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
