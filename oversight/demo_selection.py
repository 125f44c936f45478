"""The demo's selection before arrival (按需选派): a published cycle whose accepted nominee has not
reported by the term start (the reserved seat waits), and a need nobody has been put forward for."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from cadres.choices import Gender, PoliticalStatus
from cadres.models import Cadre, Unit
from selection import services
from selection.models import SelectionCycle

CYCLE_NAME = "按需选派演示批次"


def seed_selection(staff, id_number) -> SelectionCycle:
    """Once: the cycle, its two needs, 省财政厅's nominee accepted; ``id_number(index, birth, male)``."""
    found = SelectionCycle.objects.filter(name=CYCLE_NAME).first()
    if found is not None:
        return found
    today = timezone.localdate()
    units = {unit.name: unit for unit in Unit.objects.filter(name__in=["县财政局", "青山镇", "省财政厅"])}
    cycle = services.open_cycle(
        name=CYCLE_NAME,
        deadline=today - datetime.timedelta(days=20),
        term_start=today - datetime.timedelta(days=5),
        actor=staff,
    )
    finance = services.add_need(
        cycle=cycle,
        unit=units["县财政局"],
        new_post_title="局长助理（财政改革）",
        level="section",
        duties="协助分管预算绩效管理改革",
        reason="财政改革任务重，急需懂预算绩效的干部",
        actor=staff,
    )
    services.add_need(
        cycle=cycle,
        unit=units["青山镇"],
        new_post_title="副镇长（产业发展）",
        reason="产业项目多",
        actor=staff,
    )
    # Drafted deadlines may already have passed: publishing is what the demo needs, not the calendar.
    services.publish_cycle(cycle=cycle, actor=staff)
    liaison = get_user_model().objects.get(username="ll_caizheng")
    birth = datetime.date(1986, 3, 8)
    number = id_number(95, birth, True)
    cadre = Cadre.objects.filter(id_number=number).first()
    nomination = services.nominate(
        need=finance,
        sending_unit=units["省财政厅"],
        reason="长期从事预算绩效管理，熟悉财政改革",
        actor=liaison,
        cadre=cadre,
        new_cadre=None
        if cadre
        else {
            "name": "周明远",
            "gender": Gender.MALE,
            "birth_date": birth,
            "political_status": PoliticalStatus.CPC_MEMBER,
            "id_number": number,
            "leadership_level": "section_head",
        },
    )
    services.accept_nomination(nomination=nomination, actor=staff, reason="专业对口")
    return cycle
