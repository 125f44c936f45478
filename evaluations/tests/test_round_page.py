"""The round page's list: by receiving unit, then pinyin, whichever page is asked for."""

import datetime

import pytest
from django.urls import reverse

from cadres.models import Unit
from conftest import FILLED_APPRAISAL
from evaluations import services
from evaluations.selectors import UnitOrderedAppraisals

# Three units with uneven numbers of cadres, so that pages start and end inside a unit.
PLACED = {
    "县财政局": ["王五", "李四", "张三"],
    "城关镇": ["赵六"],
    "青山镇": ["孙七", "周八", "吴九", "郑十"],
}


@pytest.fixture
def big_round(make_cadre, make_secondment, make_post, make_round, unit_a, unit_b, officer):
    units = {
        "县财政局": unit_a,
        "青山镇": unit_b,
        "城关镇": Unit.objects.create(name="城关镇", receives=True),
    }
    index = 0
    for unit_name, names in PLACED.items():
        for name in names:
            index += 1
            cadre = make_cadre(name, birth_date=datetime.date(1970 + index, 1, 1))
            make_secondment(cadre, "in_post", post=make_post(unit=units[unit_name], title=f"岗位{index}"))
    appraisal_round = make_round()
    for appraisal in appraisal_round.appraisals.filter(unit=unit_b)[:2]:
        services.file_appraisal(appraisal=appraisal, data=FILLED_APPRAISAL, actor=officer)
    return appraisal_round


def _in_order(appraisals):
    return list(appraisals.order_by("unit__name", "secondment__cadre__name_pinyin", "id"))


def test_every_slice_is_the_slice_of_the_whole_list_in_order(big_round):
    appraisals = big_round.appraisals.all()
    expected = _in_order(appraisals)
    listed = UnitOrderedAppraisals(appraisals)
    assert listed.count() == len(expected) == 8
    for start in range(len(expected) + 1):
        for stop in range(start, len(expected) + 3):
            assert listed[start:stop] == expected[start:stop], (start, stop)


def test_a_status_filter_pages_over_the_filtered_appraisals(big_round):
    submitted = big_round.appraisals.filter(status="submitted")
    listed = UnitOrderedAppraisals(submitted)
    assert listed.count() == 2
    assert listed[0:20] == _in_order(submitted)


def test_the_round_page_lists_the_appraisals_by_unit_then_pinyin(officer_client, big_round):
    html = officer_client.get(reverse("evaluations:round_detail", args=[big_round.pk])).content.decode()
    names = [
        a.secondment.cadre.name for a in _in_order(big_round.appraisals.select_related("secondment__cadre"))
    ]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
