"""The administration corrects life support and care visits through the same services as the pages:
housing recorded there ticks 生活安排落实, and what the pages refuse it refuses."""

import datetime

from django.urls import reverse

from conftest import days_ago
from living import services
from living.choices import CareVisitKind, HousingKind, ResponsibleUnit
from living.models import CareVisit, LifeSupport


def meals_only(secondment, actor) -> LifeSupport:
    return services.record_life_support(
        secondment=secondment,
        meals="机关食堂",
        responsible_unit=ResponsibleUnit.RECEIVING_UNIT,
        contact_name="王主任",
        contact_phone="13812345678",
        actor=actor,
    )


def form(support: LifeSupport, **changes) -> dict:
    data = {
        "housing": support.housing,
        "address": support.address,
        "housing_from": support.housing_from.isoformat() if support.housing_from else "",
        "meals": support.meals,
        "transport": support.transport,
        "responsible_unit": support.responsible_unit,
        "responsible_unit_name": support.responsible_unit_name,
        "contact_name": support.contact_name,
        "contact_phone": support.contact_phone,
    }
    return {**data, **changes}


def test_the_administration_pages_load(admin_client, placed_in_a, officer):
    support = meals_only(placed_in_a, officer)
    visit = services.record_care_visit(
        secondment=placed_in_a, date=days_ago(2), kind=CareVisitKind.HOME, visitors="李明华", actor=officer
    )
    for page in [
        reverse("admin:living_lifesupport_changelist"),
        reverse("admin:living_lifesupport_change", args=[support.pk]),
        reverse("admin:living_lifesupport_history", args=[support.pk]),
        reverse("admin:living_carevisit_changelist"),
        reverse("admin:living_carevisit_change", args=[visit.pk]),
    ]:
        assert admin_client.get(page).status_code == 200, page
    assert admin_client.get(reverse("admin:living_lifesupport_add")).status_code == 403


def test_housing_recorded_in_the_administration_ticks_the_intake_step(
    admin_client, admin_user, placed_in_a, officer
):
    support = meals_only(placed_in_a, officer)

    answer = admin_client.post(
        reverse("admin:living_lifesupport_change", args=[support.pk]),
        form(
            support,
            housing=HousingKind.DORMITORY,
            address="县委党校宿舍",
            housing_from=days_ago(9).isoformat(),
        ),
    )

    assert answer.status_code == 302
    step = placed_in_a.checklist.get(item__name="生活安排落实")
    assert (step.done_on, step.done_by) == (days_ago(9), admin_user)
    assert LifeSupport.objects.get().history.first().history_user == admin_user


def test_the_administration_refuses_a_day_before_reporting_and_saves_nothing(
    admin_client, placed_in_a, officer
):
    support = meals_only(placed_in_a, officer)
    before = placed_in_a.reported_on - datetime.timedelta(days=1)

    admin_client.post(
        reverse("admin:living_lifesupport_change", args=[support.pk]),
        form(support, housing=HousingKind.DORMITORY, address="县委党校宿舍", housing_from=before.isoformat()),
    )

    assert LifeSupport.objects.get().housing == ""
    assert placed_in_a.checklist.get(item__name="生活安排落实").done_on is None


def test_a_visit_deleted_in_the_administration_goes_through_the_service(admin_client, placed_in_a, officer):
    visit = services.record_care_visit(
        secondment=placed_in_a, date=days_ago(2), kind=CareVisitKind.HOME, visitors="李明华", actor=officer
    )

    admin_client.post(reverse("admin:living_carevisit_delete", args=[visit.pk]), {"post": "yes"})

    assert not CareVisit.objects.exists()
    assert placed_in_a.events.filter(action="care_visit", note__startswith="删除").exists()
