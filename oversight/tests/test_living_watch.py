"""生活未落实: a cadre in the county reported more than GUAZHI_HOUSING_DUE_DAYS (7) days ago with no
housing on file is on the dashboard, its list and the reminders, until the housing is recorded."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from conftest import client_for, days_ago
from living.tests.builders import housed
from oversight.watch import watch_counts, watch_flags, watch_queryset


@pytest.fixture
def county(make_secondment, make_cadre, make_post, officer):
    def placed(name: str, reported: int, year: int):
        cadre = make_cadre(name, birth_date=datetime.date(year, 1, 1))
        return make_secondment(cadre, "in_post", post=make_post(title=name), start=days_ago(reported))

    return {
        "eight_days": placed("王八天", 8, 1980),
        "seven_days": placed("李七天", 7, 1981),
        "three_days": placed("赵三天", 3, 1982),
        "housed": housed(placed("钱安居", 8, 1983), officer),
    }


def names(user) -> set[str]:
    return {secondment.cadre.name for secondment in watch_queryset(user, "no_housing")}


def test_the_watch_lists_the_cadre_reported_eight_days_ago_without_housing_only(county, officer):
    assert names(officer) == {"王八天"}
    assert {item.watch.key: item.count for item in watch_counts(officer)}["no_housing"] == 1


def test_recording_the_housing_clears_the_watch_at_once(county, officer):
    housed(county["eight_days"], officer)

    assert names(officer) == set()
    assert "no_housing" not in {watch.key for watch in watch_flags(officer, county["eight_days"])}


def test_meals_alone_do_not_clear_it(county, officer):
    from living import services

    services.record_life_support(
        secondment=county["eight_days"],
        meals="机关食堂",
        responsible_unit="receiving_unit",
        contact_name="王主任",
        contact_phone="13812345678",
        actor=officer,
    )

    assert names(officer) == {"王八天"}


def test_the_allowance_is_a_setting(county, officer, settings):
    settings.GUAZHI = {**settings.GUAZHI, "HOUSING_DUE_DAYS": 2}

    assert names(officer) == {"王八天", "李七天", "赵三天"}


def test_the_dashboard_and_the_list_show_it_with_the_day_housing_was_due(county, officer, leader_a, leader_b):
    home = client_for(officer).get(reverse("home"))
    assert {item.watch.key: item.count for item in home.context["watch_counts"]}["no_housing"] == 1
    assert "报到7天生活未落实" in home.content.decode()

    answer = client_for(officer).get(reverse("oversight:watch_list", args=["no_housing"]))
    (row,) = answer.context["rows"]
    assert (row.secondment, row.date, row.days) == (county["eight_days"], days_ago(1), 1)
    assert "住房应落实日期" in answer.content.decode()
    assert [
        row.secondment for row in client_for(leader_a).get(answer.request["PATH_INFO"]).context["rows"]
    ] == [county["eight_days"]]
    assert client_for(leader_b).get(answer.request["PATH_INFO"]).context["rows"] == []


def test_the_reminders_name_the_cadre_without_housing(county, officer, leader_a):
    call_command("send_reminders")

    digest = next(message for message in mail.outbox if message.to == [leader_a.email])
    assert "【报到7天生活未落实】" in digest.body
    assert "王八天" in digest.body and "钱安居" not in digest.body
