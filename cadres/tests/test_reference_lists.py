"""The choice lists say, in Chinese, exactly what the national standards say."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from cadres.choices import (
    LEVEL_BUCKET_OF_GRADE,
    LEVEL_BUCKET_OF_LEADERSHIP_LEVEL,
    Degree,
    Education,
    Ethnicity,
    Grade,
    LeadershipLevel,
    PoliticalStatus,
)

REFERENCE = json.loads((Path(__file__).parents[1] / "data" / "cadre-codes.json").read_text("utf-8"))


def chinese(choices) -> dict[str, str]:
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices.choices}


def test_every_ethnic_group_of_gb_t_3304_has_its_code_and_chinese_name():
    expected = {item["code"]: item["name"] for item in REFERENCE["ethnicity"]["items"]}
    assert chinese(Ethnicity) == expected


def test_political_status_uses_the_gb_t_4762_codes_and_the_short_forms():
    expected = {item["code"]: item["short"] for item in REFERENCE["political_status"]["items"]}
    assert chinese(PoliticalStatus) == expected


@pytest.mark.parametrize(
    ("choices", "bucket_map", "key"),
    [
        (LeadershipLevel, LEVEL_BUCKET_OF_LEADERSHIP_LEVEL, "leadership_level"),
        (Grade, LEVEL_BUCKET_OF_GRADE, "civil_service_grade"),
    ],
)
def test_levels_and_grades_read_and_bucket_as_the_reference_says(choices, bucket_map, key):
    names = chinese(choices)
    expected = [(item["name"], item["bucket"]) for item in REFERENCE[key]["items"]]
    assert [(names[value], bucket_map[value].value) for value in choices.values] == expected


def test_education_and_degree_read_as_the_reference_lists():
    assert list(chinese(Education).values()) == REFERENCE["education"]
    assert list(chinese(Degree).values()) == REFERENCE["degree"]
