"""The demo's work record (工作纪实): 马晓东 files last month with a project he leads; his unit's leader
comments. The month before is left for the demo to file."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments.models import Secondment
from guazhi.dates import add_months
from worklog import services
from worklog.choices import ProjectKind, ProjectRole
from worklog.models import MonthlyRecord


def seed_worklog() -> None:
    users = get_user_model().objects
    cadre_login = users.filter(username="gb_maxiaodong").first()
    leader = users.filter(username="ld_caizheng").first()
    secondment = Secondment.objects.filter(cadre__name="马晓东").order_by("-term_start").first()
    if cadre_login is None or leader is None or secondment is None or secondment.projects.exists():
        return
    project = services.add_project(
        secondment=secondment,
        name="*药业企业服务协调",
        kind=ProjectKind.INVESTMENT,
        role=ProjectRole.LEADS,
        stage="已签约，推进落地",
        started_on=secondment.term_start,
        actor=cadre_login,
    )
    month = add_months(timezone.localdate(), -1).replace(day=1)
    if MonthlyRecord.objects.filter(secondment=secondment, month=month).exists():
        return
    record = services.file_monthly_record(
        secondment=secondment,
        month=month,
        work_done="走访园区企业十二家，协调解决用工、融资问题五项；参加县财政局预算编制会议。",
        projects=[project],
        problems="项目用地指标紧张。",
        next_plan="推动*药业项目开工，完成专项债申报材料。",
        actor=cadre_login,
    )
    services.comment_record(record=record, comment="工作扎实，望继续推进项目落地。", actor=leader)
