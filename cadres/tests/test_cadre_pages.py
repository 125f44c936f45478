import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadres.models import Cadre
from conftest import client_for, day, make_id_number


def cadre_post_data(sending_unit, **overrides):
    data = {
        "name": "李明轩",
        "gender": "male",
        "id_number": make_id_number(datetime.date(1982, 9, 3), male=True),
        "birth_date": "1982.09",
        "ethnicity": "01",
        "political_status": "01",
        "home_unit": sending_unit.pk,
        "leadership_level": "deputy_division_head",
    }
    data.update(overrides)
    return data


def test_staff_add_a_cadre_and_land_on_the_cadre_page(officer_client, sending_unit):
    response = officer_client.post(reverse("cadres:cadre_create"), cadre_post_data(sending_unit))
    cadre = Cadre.objects.get()
    assert response.status_code == 302
    assert response.url == cadre.get_absolute_url()
    assert cadre.level_bucket == "division"
    assert cadre.name_initials == "lmx"


def test_a_wrong_check_digit_is_named_at_the_field_and_nothing_is_saved(officer_client, sending_unit):
    good = make_id_number(datetime.date(1982, 9, 3))
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    response = officer_client.post(
        reverse("cadres:cadre_create"), cadre_post_data(sending_unit, id_number=wrong)
    )
    assert response.status_code == 200
    assert "校验码" in response.context["form"].errors["id_number"][0]
    assert "校验码" in response.content.decode()
    assert not Cadre.objects.exists()


def test_the_birth_month_is_taken_from_the_id_number_when_left_empty(officer_client, sending_unit):
    officer_client.post(reverse("cadres:cadre_create"), cadre_post_data(sending_unit, birth_date=""))
    assert Cadre.objects.get().birth_date == datetime.date(1982, 9, 3)


def test_a_birthday_on_29_february_is_taken_whole_from_the_id_number_and_shown_as_its_month(
    officer_client, sending_unit
):
    number = make_id_number(datetime.date(1984, 2, 29))
    officer_client.post(
        reverse("cadres:cadre_create"), cadre_post_data(sending_unit, id_number=number, birth_date="")
    )
    cadre = Cadre.objects.get()
    assert cadre.birth_date == datetime.date(1984, 2, 29)
    assert "1984.02" in officer_client.get(cadre.get_absolute_url()).content.decode()


def test_a_birth_date_after_today_is_refused(officer_client, sending_unit):
    response = officer_client.post(
        reverse("cadres:cadre_create"),
        cadre_post_data(sending_unit, id_number="", birth_date=day(1).isoformat()),
    )
    assert response.context["form"].errors["birth_date"] == ["出生日期不能晚于今天。"]
    assert not Cadre.objects.exists()


def test_a_gender_that_contradicts_the_id_number_is_refused(officer_client, sending_unit):
    response = officer_client.post(
        reverse("cadres:cadre_create"), cadre_post_data(sending_unit, gender="female")
    )
    assert "性别" in response.context["form"].errors["gender"][0]
    assert not Cadre.objects.exists()


def test_a_duplicate_id_number_names_the_cadre_who_has_it(officer_client, sending_unit, make_cadre):
    existing = make_cadre("王静怡", gender="female", birth_date=datetime.date(1986, 1, 22))
    response = officer_client.post(
        reverse("cadres:cadre_create"),
        cadre_post_data(
            sending_unit, name="王静", gender="female", id_number=existing.id_number, birth_date=""
        ),
    )
    assert "王静怡" in response.context["form"].errors["id_number"][0]
    assert Cadre.objects.count() == 1


def test_editing_a_cadre_is_kept_in_the_history_with_who_and_what(officer, officer_client, cadre):
    data = cadre_post_data(
        cadre.home_unit,
        name=cadre.name,
        id_number=cadre.id_number,
        birth_date="1980.04",
        home_position="预算处处长",
    )
    officer_client.post(reverse("cadres:cadre_edit", args=[cadre.pk]), data)
    page = officer_client.get(cadre.get_absolute_url())
    history = page.context["history"]
    assert history[0].who == "组织部爱丽"
    assert any(c.new == "预算处处长" for c in history[0].changes)


@pytest.mark.parametrize("query", ["张国华", "zgh", "zhangguohua", "guohua", "ZGH"])
def test_the_list_finds_a_cadre_by_name_pinyin_or_initials(officer_client, make_cadre, query):
    make_cadre("张国华")
    make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3))
    response = officer_client.get(reverse("cadres:cadre_list"), {"q": query})
    assert [c.name for c in response.context["page"].object_list] == ["张国华"]


def test_the_list_finds_a_cadre_by_id_number(officer_client, make_cadre):
    wanted = make_cadre("张国华")
    make_cadre("李明轩", birth_date=datetime.date(1982, 9, 3))
    response = officer_client.get(reverse("cadres:cadre_list"), {"q": wanted.id_number.lower()})
    assert [c.name for c in response.context["page"].object_list] == ["张国华"]


def test_the_list_filters_by_level_bucket(officer_client, make_cadre):
    make_cadre("张国华", leadership_level="deputy_division_head")
    make_cadre("李明轩", leadership_level="", grade="principal_staff_1", birth_date=datetime.date(1982, 9, 3))
    response = officer_client.get(reverse("cadres:cadre_list"), {"level_bucket": "section"})
    assert [c.name for c in response.context["page"].object_list] == ["李明轩"]


def test_id_numbers_and_phones_are_masked_in_the_list(officer_client, make_cadre):
    cadre = make_cadre(phone="13912345678")
    html = officer_client.get(reverse("cadres:cadre_list")).content.decode()
    assert cadre.id_number not in html
    assert cadre.id_number[:6] + "********" in html
    assert "139****5678" in html


def test_staff_see_the_id_number_whole_on_the_cadre_page(officer_client, cadre):
    assert cadre.id_number in officer_client.get(cadre.get_absolute_url()).content.decode()


def _list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_cadre_list_runs_the_same_queries_for_one_row_and_for_twenty(
    officer_client, make_cadre, specialty
):
    make_cadre("张一", specialties=[specialty])
    one = _list_queries(officer_client, reverse("cadres:cadre_list"))
    for index in range(19):
        make_cadre(f"张{index}{index}", specialties=[specialty])
    assert _list_queries(officer_client, reverse("cadres:cadre_list")) == one


def test_the_unit_list_runs_the_same_queries_for_one_row_and_for_twenty(officer_client, unit_a):
    from cadres.models import Unit

    one = _list_queries(officer_client, reverse("cadres:unit_list"))
    Unit.objects.bulk_create(Unit(name=f"单位{i}", tier="county") for i in range(19))
    assert _list_queries(officer_client, reverse("cadres:unit_list")) == one


def test_the_unit_page_runs_the_same_queries_for_one_home_cadre_and_for_twenty(
    officer_client, make_cadre, sending_unit
):
    make_cadre("张一")
    one = _list_queries(officer_client, sending_unit.get_absolute_url())
    for index in range(19):
        make_cadre(f"张{index}{index}")
    assert _list_queries(officer_client, sending_unit.get_absolute_url()) == one


def test_a_leader_sees_their_own_unit_page_but_not_another(leader_a, unit_a, unit_b):
    client = client_for(leader_a)
    assert client.get(unit_a.get_absolute_url()).status_code == 200
    assert client.get(unit_b.get_absolute_url()).status_code == 404
