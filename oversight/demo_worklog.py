"""The demo's work record (工作纪实): 马晓东 files last month with a project he leads; his unit's leader
comments. The month before is left for the demo to file. A few other cadres have projects entered by
staff on their behalf, so that the county summary names what they led or carried."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments.models import Secondment
from guazhi.dates import add_months
from worklog import services
from worklog.choices import ProjectKind, ProjectRole
from worklog.models import MonthlyRecord

# Cadre, project, kind, role, stage: entered by staff (代为录入), each once.
OTHER_PROJECTS = [
    ("胡俊杰", "G235国道县城过境段改建", ProjectKind.CONSTRUCTION, ProjectRole.CARRIES, "路基工程完成七成"),
    ("彭丽华", "农村饮水安全巩固提升", ProjectKind.LIVELIHOOD, ProjectRole.LEADS, "已完成十二个村管网改造"),
    ("彭丽华", "河湖长制考核办法修订", ProjectKind.REFORM, ProjectRole.TAKES_PART, "征求意见"),
    ("杨志强", "高标准农田建设", ProjectKind.CONSTRUCTION, ProjectRole.CARRIES, "完成年度建设任务"),
]


def seed_worklog() -> None:
    _seed_other_projects()
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


def _seed_other_projects() -> None:
    staff = get_user_model().objects.filter(username="zuzhibu").first()
    if staff is None:
        return
    for cadre, name, kind, role, stage in OTHER_PROJECTS:
        secondment = Secondment.objects.filter(cadre__name=cadre).order_by("-term_start").first()
        if secondment is None or secondment.projects.filter(name=name).exists():
            continue
        services.add_project(
            secondment=secondment,
            name=name,
            kind=kind,
            role=role,
            stage=stage,
            started_on=secondment.reported_on or secondment.term_start,
            actor=staff,
        )
