"""生活保障: staff and the receiving unit's leaders record where the cadre lives, eats and how they get
about; the housing ticks the intake step 生活安排落实; bad input is refused at the field in Chinese."""

import datetime

import pytest
from django.urls import reverse

from assignments.models import SecondmentEvent
from cadres.services import give_account
from conftest import client_for, day, days_ago
from guazhi.workflow import TransitionError
from living import services
from living.choices import HousingKind, ResponsibleUnit
from living.models import LifeSupport

from .builders import housed

FORM = {
    "housing": HousingKind.TRANSITIONAL,
    "address": "城关镇县委周转房3栋201",
    "meals": "机关食堂就餐",
    "transport": "公务用车下乡",
    "responsible_unit": ResponsibleUnit.AFFAIRS_BUREAU,
    "contact_name": "县机关事务局 刘科长",
    "contact_phone": "0731-84561234",
}


def url(secondment) -> str:
    return reverse("living:life_support_edit", args=[secondment.pk])


def housing_step(secondment):
    return secondment.checklist.get(item__name="生活安排落实")


def test_recording_the_housing_ticks_the_intake_step_on_the_day_the_cadre_moved_in(placed_in_a, leader_a):
    assert housing_step(placed_in_a).done_on is None

    answer = client_for(leader_a).post(url(placed_in_a), {**FORM, "housing_from": days_ago(20).isoformat()})

    assert answer.status_code == 302
    step = housing_step(placed_in_a)
    assert (step.done_on, step.done_by) == (days_ago(20), leader_a)
    support = LifeSupport.objects.get(secondment=placed_in_a)
    assert (support.housing, support.recorded_by) == (HousingKind.TRANSITIONAL, leader_a)
    line = SecondmentEvent.objects.filter(secondment=placed_in_a, action="living").get()
    assert "周转房" in line.note and "县机关事务局 刘科长" in line.note


def test_meals_and_transport_may_be_recorded_before_the_housing_without_ticking_the_step(
    placed_in_a, officer
):
    services.record_life_support(
        secondment=placed_in_a,
        meals="机关食堂就餐",
        responsible_unit=ResponsibleUnit.RECEIVING_UNIT,
        contact_name="县财政局办公室 王主任",
        contact_phone="13812345678",
        actor=officer,
    )

    assert housing_step(placed_in_a).done_on is None
    page = client_for(officer).get(placed_in_a.get_absolute_url()).content.decode()
    assert "尚未落实" in page and "机关食堂就餐" in page


def test_changing_the_arrangements_keeps_one_record_and_its_history(placed_in_a, officer):
    housed(placed_in_a, officer)
    housed(placed_in_a, officer, housing=HousingKind.DORMITORY, address="县委党校宿舍")

    support = LifeSupport.objects.get()
    assert (support.housing, support.address) == (HousingKind.DORMITORY, "县委党校宿舍")
    assert support.history.count() == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"housing_from": "FROM_BEFORE"}, "housing_from", "不能早于干部报到日期"),
        ({"housing_from": "TOMORROW"}, "housing_from", "日期不能晚于今天"),
        ({"housing_from": ""}, "housing_from", "请填写入住日期"),
        ({"address": ""}, "address", "请填写住房地址"),
        ({"contact_phone": "找刘科长"}, "contact_phone", "请填写数字组成的电话号码"),
        ({"responsible_unit": ResponsibleUnit.OTHER}, "responsible_unit_name", "请填写负责单位名称"),
        ({"housing": "", "address": "县委周转房"}, "housing", "请选择住房方式"),
    ],
)
def test_bad_input_is_refused_at_its_field_in_chinese_and_nothing_is_saved(
    placed_in_a, officer_client, change, field, message
):
    data = {**FORM, "housing_from": placed_in_a.reported_on.isoformat(), **change}
    data["housing_from"] = {
        "FROM_BEFORE": (placed_in_a.reported_on - datetime.timedelta(days=1)).isoformat(),
        "TOMORROW": day(1).isoformat(),
    }.get(data["housing_from"], data["housing_from"])

    answer = officer_client.post(url(placed_in_a), data)

    assert answer.status_code == 200
    errors = " ".join(answer.context["form"].errors[field])
    assert message in errors, answer.context["form"].errors
    assert not LifeSupport.objects.exists()


def test_a_day_before_reporting_is_refused_by_the_service_too(placed_in_a, officer):
    with pytest.raises(TransitionError) as refusal:
        housed(placed_in_a, officer, housing_from=placed_in_a.reported_on - datetime.timedelta(days=1))
    assert set(refusal.value.fields) == {"housing_from"}


def test_housing_once_recorded_cannot_be_emptied(placed_in_a, officer):
    housed(placed_in_a, officer)
    with pytest.raises(TransitionError):
        housed(placed_in_a, officer, housing="", address="", housing_from=None)
    assert LifeSupport.objects.get().housing == HousingKind.TRANSITIONAL


def test_nothing_is_recorded_once_the_term_has_ended(make_secondment, cadre, post, officer, officer_client):
    ended = make_secondment(cadre, "ended_early", post=post)
    with pytest.raises(TransitionError):
        housed(ended, officer)
    assert officer_client.get(url(ended)).status_code == 302


def test_the_liaison_and_the_cadre_read_it_but_may_not_record_and_others_do_not_see_it(
    placed_in_a, officer, liaison, leader_b
):
    housed(placed_in_a, officer)
    own = give_account(cadre=placed_in_a.cadre, username="zhangguohua", actor=officer)[0].account

    for reader in (liaison, own):
        page = client_for(reader).get(placed_in_a.get_absolute_url()).content.decode()
        assert "城关镇县委周转房3栋201" in page
        assert url(placed_in_a) not in page
        assert client_for(reader).get(url(placed_in_a)).status_code == 403
        assert client_for(reader).post(url(placed_in_a), FORM).status_code == 403
    assert client_for(leader_b).get(url(placed_in_a)).status_code == 404
    assert client_for(leader_b).get(placed_in_a.get_absolute_url()).status_code == 404


def test_the_cadre_sees_their_life_support_on_their_own_page(placed_in_a, officer):
    housed(placed_in_a, officer)
    own = give_account(cadre=placed_in_a.cadre, username="zhangguohua", actor=officer)[0].account

    page = client_for(own).get(reverse("home")).content.decode()

    assert "周转房" in page and "城关镇县委周转房3栋201" in page and "0731-84561234" in page


def test_the_secondment_page_says_when_the_housing_is_due_until_it_is_recorded(placed_in_a, officer_client):
    page = officer_client.get(placed_in_a.get_absolute_url()).content.decode()

    assert "尚未登记生活保障" in page
    assert url(placed_in_a) in page
