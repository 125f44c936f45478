"""The demo's 生活保障: most cadres in the county housed, a few care visits, and two left for the
生活未落实 watch — 孙立新, whom nobody looks after, and 陈晓燕, waiting for a post with her meals
arranged but no room yet. Each part runs once per secondment."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments.choices import IN_COUNTY_STATUSES, ChecklistTrigger
from assignments.models import ChecklistItem, Secondment
from living import services
from living.choices import CareVisitKind, HousingKind, ResponsibleUnit
from living.models import LifeSupport

HOUSING_ITEM = "生活安排落实"
# Nobody looks after him (see demo.NEGLECTED): nothing is on file.
NEGLECTED = "孙立新"
# Meals arranged, no room yet: both are behind the 生活未落实 watch.
UNHOUSED = "陈晓燕"
TOWNSHIP_DORMS = {"青山镇": "青山镇人民政府干部宿舍2楼", "城关镇": "城关镇人民政府干部周转宿舍"}
MEALS = "机关食堂就餐，餐费按规定由接收单位承担"
TRANSPORT = "下乡调研使用公务用车，往返派出单位乘高铁，费用回派出单位报销"

# cadre, days ago, kind, who visited, notes
VISITS = [
    ("马晓东", 40, CareVisitKind.HOME, "县财政局局长 王志刚", "到周转房看望，了解家中老人病情，协调县人民医院就诊绿色通道"),
    ("赵丽娟", 15, CareVisitKind.CALL, "县委组织部干部科 李明华", "走访青山镇，了解周转房热水器更换进展"),
    ("李明轩", 60, CareVisitKind.FESTIVAL, "县委组织部副部长 李明华、县人民政府办公室主任", "中秋节慰问，送去慰问品"),
    ("王静怡", 60, CareVisitKind.FESTIVAL, "县委组织部副部长 李明华、县人民政府办公室主任", "中秋节慰问，送去慰问品"),
]  # fmt: skip


def ensure_housing_item() -> ChecklistItem:
    """The intake step ticked when the housing is recorded (the migration adds it; kept here too)."""
    item, _created = ChecklistItem.objects.get_or_create(
        name=HOUSING_ITEM, defaults={"days_due": 7, "order": 90, "fulfilled_by": ChecklistTrigger.HOUSING}
    )
    return item


def _arrangement(secondment: Secondment) -> dict:
    unit = secondment.current_unit.name if secondment.current_unit_id else ""
    if unit in TOWNSHIP_DORMS:
        return {
            "housing": HousingKind.DORMITORY,
            "address": TOWNSHIP_DORMS[unit],
            "responsible_unit": ResponsibleUnit.RECEIVING_UNIT,
            "contact_name": f"{unit}党政办 张主任",
            "contact_phone": "0731-84562210",
        }
    return {
        "housing": HousingKind.TRANSITIONAL,
        "address": f"城关镇县委周转房{secondment.pk % 5 + 1}栋{secondment.pk % 6 + 1}01室",
        "responsible_unit": ResponsibleUnit.AFFAIRS_BUREAU,
        "contact_name": "县机关事务局 刘科长",
        "contact_phone": "0731-84561234",
    }


def seed_living(secondments: dict[str, Secondment], actor) -> None:
    ensure_housing_item()
    today = timezone.localdate()
    on_file = set(LifeSupport.objects.values_list("secondment_id", flat=True))
    for name, secondment in secondments.items():
        secondment.refresh_from_db()
        if secondment.status not in IN_COUNTY_STATUSES or secondment.pk in on_file:
            continue
        if name == NEGLECTED:
            continue
        if name == UNHOUSED:
            services.record_life_support(
                secondment=secondment,
                meals=MEALS,
                responsible_unit=ResponsibleUnit.AFFAIRS_BUREAU,
                contact_name="县机关事务局 刘科长",
                contact_phone="0731-84561234",
                actor=actor,
            )
            continue
        services.record_life_support(
            secondment=secondment,
            housing_from=secondment.reported_on,
            meals=MEALS,
            transport=TRANSPORT,
            actor=actor,
            **_arrangement(secondment),
        )
    _seed_visits(secondments, actor, today)


def _seed_visits(secondments: dict[str, Secondment], actor, today: datetime.date) -> None:
    leader = get_user_model().objects.filter(username="ld_caizheng").first() or actor
    for name, days_ago, kind, visitors, notes in VISITS:
        secondment = secondments.get(name)
        day = today - datetime.timedelta(days=days_ago)
        if (
            secondment is None
            or secondment.status not in IN_COUNTY_STATUSES
            or secondment.care_visits.exists()
            or day < secondment.in_county_from
        ):
            continue
        services.record_care_visit(
            secondment=secondment,
            date=day,
            kind=kind,
            visitors=visitors,
            notes=notes,
            actor=leader if name == "马晓东" else actor,
        )
