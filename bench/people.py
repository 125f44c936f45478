"""People for the synthetic county: names, ID numbers, ranks and the cadre record.

Names follow the frequency of Chinese surnames, ID numbers carry a valid
check digit and the gender digit, and ranks follow the kind of the home unit,
so that search, masking and the level buckets behave as on real records.
"""

import datetime
import random
from itertools import accumulate

from cadres.choices import Degree, Education, Gender, PoliticalStatus, UnitTier
from cadres.models import Cadre, Unit
from cadres.pinyin import name_initials, name_pinyin
from cadres.validators import check_digit

from . import corpus

SURNAME_CUM_WEIGHTS = list(accumulate(1 / (rank + 8) for rank in range(len(corpus.SURNAMES))))


def person_name(rng: random.Random, male: bool) -> str:
    surname = rng.choices(corpus.SURNAMES, cum_weights=SURNAME_CUM_WEIGHTS)[0]
    pool = corpus.GIVEN_MALE if male else corpus.GIVEN_FEMALE
    if rng.random() < 0.2:
        return surname + rng.choice(pool)
    return surname + rng.choice(corpus.GIVEN_FIRST + pool) + rng.choice(pool)


def _id_number(rng: random.Random, birth: datetime.date, male: bool, taken: set[str]) -> str:
    while True:
        serial = rng.randint(0, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
        first17 = f"{rng.choice(corpus.ID_REGION_PREFIXES)}{birth:%Y%m%d}{serial:03d}"
        number = first17 + check_digit(first17)
        if number not in taken:
            taken.add(number)
            return number


def _rank(rng: random.Random, unit: Unit) -> tuple[str, str, str]:
    """Leadership level, grade and home position, as the unit's kind makes likely."""
    if unit.tier in (UnitTier.STATE_ENTERPRISE, UnitTier.ACADEMIC):
        return "", "", rng.choice(corpus.PROFESSIONAL_POSITIONS)
    level = rng.choices(
        ["division_head", "deputy_division_head", "section_head", "deputy_section_head", "clerk", ""],
        [8, 24, 24, 19, 5, 20],
    )[0]
    provincial = unit.tier in (UnitTier.PROVINCIAL, UnitTier.CENTRAL)
    office = rng.choice(corpus.PROVINCIAL_OFFICES if provincial else corpus.MUNICIPAL_OFFICES)
    if not level:
        grade = rng.choice(list(corpus.GRADE_TITLES))
        return "", grade, office + corpus.GRADE_TITLES[grade]
    titles = corpus.PROVINCIAL_TITLES if provincial else corpus.MUNICIPAL_TITLES
    return level, "", office + titles[level]


def _political_status(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.88:
        return PoliticalStatus.CPC_MEMBER
    if roll < 0.90:
        return PoliticalStatus.CPC_PROBATIONARY
    if roll < 0.97:
        return rng.choice(["04", "05", "06", "07", "08", "09", "10", "11"])
    return rng.choice([PoliticalStatus.NON_PARTY, PoliticalStatus.MASSES])


def _education(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.45:
        return Education.POSTGRADUATE, Degree.DOCTOR if rng.random() < 0.1 else Degree.MASTER
    if roll < 0.95:
        return Education.UNDERGRADUATE, Degree.BACHELOR
    return Education.JUNIOR_COLLEGE, Degree.NONE


def new_cadre(
    rng: random.Random, sending: list[Unit], today: datetime.date, taken: set[str], pinyin: dict
) -> Cadre:
    """An unsaved cadre; ``taken`` keeps ID numbers unique, ``pinyin`` saves recomputing keys of common names."""
    male = rng.random() < 0.66
    name = person_name(rng, male)
    if name not in pinyin:
        pinyin[name] = (name_pinyin(name), name_initials(name))
    birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 31))
    home = rng.choice(sending)
    level, grade, position = _rank(rng, home)
    political = _political_status(rng)
    education, degree = _education(rng)
    work_start = datetime.date(birth.year + rng.randint(21, 25), 7, 1)
    joined = None
    if political == PoliticalStatus.CPC_MEMBER:
        joined = datetime.date(birth.year + rng.randint(19, 30), rng.randint(1, 12), 1)
    elif political == PoliticalStatus.CPC_PROBATIONARY:
        joined = today - datetime.timedelta(days=rng.randint(30, 300))
    return Cadre(
        name=name,
        name_pinyin=pinyin[name][0],
        name_initials=pinyin[name][1],
        gender=Gender.MALE if male else Gender.FEMALE,
        birth_date=birth,
        ethnicity="01" if rng.random() < 0.9 else rng.choice(corpus.MINORITY_ETHNICITIES),
        birthplace=rng.choice(corpus.BIRTHPLACES),
        political_status=political,
        party_join_date=joined,
        work_start_date=work_start,
        education=education,
        degree=degree,
        school=rng.choice(corpus.SCHOOLS),
        major=rng.choice(corpus.MAJORS),
        id_number=_id_number(rng, birth, male, taken),
        phone=f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}",
        leadership_level=level,
        grade=grade,
        home_unit=home,
        home_position=position,
        resume=f"{work_start:%Y.%m}—  {home.name}工作\n{work_start.year + 8}.01—  {home.name}{position}",
        family_location=rng.choice(corpus.FAMILY_LOCATIONS),
    )
