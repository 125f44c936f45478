"""Yes/no list filters start at 全部 and offer 是 and 否, never Django's 未知."""

import re

import django_filters
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from guazhi.filters import StyledFilterSet


class ActiveFilter(StyledFilterSet):
    is_active = django_filters.BooleanFilter(label="active")

    class Meta:
        model = get_user_model()
        fields = ["is_active"]


def _options(html: str, name: str) -> list[tuple[str, bool]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        (label, bool(selected))
        for selected, label in re.findall(r"<option[^>]*?( selected)?>([^<]*)<", select)
    ]


@pytest.mark.django_db
def test_a_yes_no_filter_left_alone_reads_all_and_filters_nothing(officer, leader_a):
    leader_a.is_active = False
    leader_a.save()
    filterset = ActiveFilter({}, queryset=get_user_model().objects.all())
    assert _options(str(filterset.form["is_active"]), "is_active") == [
        ("全部", True),
        ("是", False),
        ("否", False),
    ]
    assert filterset.qs.count() == 2


@pytest.mark.django_db
def test_a_yes_no_filter_keeps_the_answer_chosen(officer, leader_a):
    leader_a.is_active = False
    leader_a.save()
    filterset = ActiveFilter({"is_active": "false"}, queryset=get_user_model().objects.all())
    assert _options(str(filterset.form["is_active"]), "is_active") == [
        ("全部", False),
        ("是", False),
        ("否", True),
    ]
    assert list(filterset.qs) == [leader_a]


@pytest.mark.parametrize(
    ("url", "names"), [("assignments:post_list", ["vacant"]), ("cadres:unit_list", ["sends", "receives"])]
)
def test_the_yes_no_filters_of_the_lists_start_at_all(officer_client, url, names):
    html = officer_client.get(reverse(url)).content.decode()
    for name in names:
        assert _options(html, name)[0] == ("全部", True)
        assert "未知" not in str(_options(html, name))
