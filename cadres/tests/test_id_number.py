import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from cadres.validators import check_digit, validate_id_number
from conftest import TODAY, day, local_time, make_id_number

REFERENCE = json.loads((Path(__file__).parents[1] / "data" / "cadre-codes.json").read_text("utf-8"))


@pytest.mark.parametrize("number", REFERENCE["id_number"]["known_valid"])
def test_the_standard_s_known_valid_numbers_are_accepted(number):
    assert validate_id_number(number) == number.upper()


def test_a_lower_case_x_is_accepted_and_stored_upper_case():
    assert validate_id_number("11010519491231002x") == "11010519491231002X"


def test_surrounding_spaces_are_ignored():
    assert validate_id_number("  440524188001010014 ") == "440524188001010014"


def test_a_finer_region_code_that_no_longer_exists_is_not_rejected():
    first17 = "43010019850101001"  # 430100 is not a current county code, 43 is Hunan
    assert validate_id_number(first17 + check_digit(first17))


@pytest.mark.parametrize(
    ("number", "code", "words"),
    [
        ("1101051949123100", "length", "18"),
        ("11010519491231002A", "characters", "X"),
        ("99010519491231002X", "region", "99"),
        ("110105194902300020", "birth_date", "19490230"),
        ("110105194912310021", "check_digit", "校验"),
    ],
)
def test_each_broken_rule_is_named_in_chinese(number, code, words):
    with pytest.raises(ValidationError) as error:
        validate_id_number(number)
    assert error.value.code == code
    assert words in error.value.messages[0]


def test_a_future_birth_date_is_not_a_real_birth_date():
    first17 = f"110105{TODAY.year + 1}0101001"
    with pytest.raises(ValidationError) as error:
        validate_id_number(first17 + check_digit(first17))
    assert error.value.code == "birth_date"


def test_someone_born_today_has_a_real_birth_date_and_someone_born_tomorrow_not():
    assert validate_id_number(make_id_number(TODAY))
    with pytest.raises(ValidationError) as error:
        validate_id_number(make_id_number(day(1)))
    assert error.value.code == "birth_date"


def test_just_after_midnight_beijing_time_today_is_already_the_new_day(time_machine):
    # 00:30 in Beijing is still the previous day in UTC.
    time_machine.move_to(local_time(TODAY, 0, 30))
    assert validate_id_number(make_id_number(TODAY))


def test_a_birthday_on_29_february_is_real_in_a_leap_year_only():
    number = make_id_number(datetime.date(1984, 2, 29))
    assert validate_id_number(number, datetime.date(1984, 2, 1)) == number
    first17 = "11010519830229001"
    with pytest.raises(ValidationError) as error:
        validate_id_number(first17 + check_digit(first17))
    assert error.value.code == "birth_date"
    assert "19830229" in error.value.messages[0]


def test_a_birth_month_that_disagrees_with_the_number_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_id_number("11010519491231002X", datetime.date(1950, 1, 1))
    assert error.value.code == "birth_date_mismatch"
    assert "1949.12" in error.value.messages[0]


def test_the_same_birth_month_on_another_day_agrees_with_the_number():
    assert validate_id_number("11010519491231002X", datetime.date(1949, 12, 1))
