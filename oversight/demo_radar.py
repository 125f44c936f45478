"""The demo's role-deviation radar (角色偏离): most serving cadres file their monthly records, lead or
carry a project and have them read by their unit; a few show each signal.

- 纪实逾期: 孙立新 (the cadre nobody looks after) and 周文博 have not filed the month that is due.
- 有名无实: 孙立新 has no project at all, 罗晓峰 only takes part in one.
- 审阅缺位: 郑雪梅's unit has commented on none of her records.
- 离岗偏多: 赵丽娟 has spent over a fifth of her days in the county on leave.

Dates count back from today, so the demo is right on any day; each part is made once.
"""

import datetime

from django.utils import timezone

from assignments import services as assignment_services
from assignments.choices import SERVING_STATUSES, LeaveKind, LeaveStatus
from assignments.models import Secondment
from cadres.choices import MembershipRole
from cadres.models import UnitMembership
from guazhi.dates import add_months
from worklog import radar, services
from worklog.choices import ProjectKind, ProjectRole
from worklog.models import MonthlyRecord
from worklog.selectors import months_to_file

# Months of records each serving cadre has, up to the one due.
MONTHS_FILED = 3
NOT_FILING_DUE_MONTH = {"孙立新", "周文博"}
NO_PROJECT = {"孙立新"}
TAKES_PART_ONLY = {"罗晓峰"}
UNREAD = {"郑雪梅"}
AWAY_OFTEN = "赵丽娟"

# kind, role and name of the project each cadre leads or carries (others get one after their post).
PROJECTS = {
    "张国华": (ProjectKind.REFORM, ProjectRole.LEADS, "预算绩效管理改革"),
    "刘建军": (ProjectKind.CONSTRUCTION, ProjectRole.LEADS, "油茶花木产业基地建设"),
    "胡俊杰": (ProjectKind.CONSTRUCTION, ProjectRole.CARRIES, "国道改造工程征拆协调"),
    "彭丽华": (ProjectKind.CONSTRUCTION, ProjectRole.LEADS, "中型灌区续建配套工程"),
    "李明轩": (ProjectKind.INVESTMENT, ProjectRole.LEADS, "汽车零部件产业链招商"),
    "王静怡": (ProjectKind.CONSTRUCTION, ProjectRole.CARRIES, "高新产业园标准厂房建设"),
    "杨志强": (ProjectKind.LIVELIHOOD, ProjectRole.LEADS, "高标准农田建设"),
    "罗晓峰": (ProjectKind.INVESTMENT, ProjectRole.TAKES_PART, "园区食品产业招商"),
    "徐振华": (ProjectKind.OTHER, ProjectRole.LEADS, "水稻新品种示范推广"),
    "郑雪梅": (ProjectKind.REFORM, ProjectRole.LEADS, "国土空间规划编制"),
    "周文博": (ProjectKind.LIVELIHOOD, ProjectRole.CARRIES, "老城区棚户区改造"),
    "赵丽娟": (ProjectKind.LIVELIHOOD, ProjectRole.LEADS, "特色农产品品牌建设"),
}

# 赵丽娟's leave, days back from today (first day, last day), approved outside the county: 69 days
# against about 300 in the county.
LONG_LEAVE = [
    (LeaveKind.SICK, 200, 156, "腰椎手术住院治疗及康复"),
    (LeaveKind.FAMILY_VISIT, 120, 107, "探望在外地工作的配偶"),
    (LeaveKind.PERSONAL, 80, 71, "处理原单位工作交接事项"),
]


def _leader_of(secondment: Secondment, staff):
    membership = (
        UnitMembership.objects.filter(unit_id=secondment.current_unit_id, role=MembershipRole.LEADER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else staff


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _project(secondment: Secondment, name: str, staff):
    if name in NO_PROJECT or secondment.projects.exists():
        return secondment.projects.order_by("pk").first()
    kind, role, title = PROJECTS.get(name, (ProjectKind.OTHER, ProjectRole.CARRIES, "重点工作专项推进"))
    return services.add_project(
        secondment=secondment,
        name=title,
        kind=kind,
        role=role,
        stage="推进中",
        started_on=secondment.reported_on,
        actor=staff,
    )


def _records(secondment: Secondment, name: str, project, staff, today: datetime.date) -> None:
    """The months up to the one due, each filed before its due day and read a few days later."""
    due = radar.month_due(today)
    months = [add_months(due, -back) for back in range(MONTHS_FILED)]
    if name in NOT_FILING_DUE_MONTH:
        months.remove(due)
    open_months = set(months_to_file(secondment))
    leader = _leader_of(secondment, staff)
    for month in months:
        if (
            month not in open_months
            or MonthlyRecord.objects.filter(secondment=secondment, month=month).exists()
        ):
            continue
        record = services.file_monthly_record(
            secondment=secondment,
            month=month,
            work_done="落实分管工作，走访基层和企业，参加单位党组会议和重点工作调度会。",
            projects=[project] if project else [],
            problems="项目要素保障仍有短板。",
            next_plan="继续推进牵头项目，按月报送工作纪实。",
            actor=staff,
        )
        filed = radar.falls_due_on(month) - datetime.timedelta(days=5)
        MonthlyRecord.objects.filter(pk=record.pk).update(filed_at=_at(filed, 17))
        if name in UNREAD:
            continue
        services.comment_record(record=record, comment="工作认真，请继续抓好项目推进。", actor=leader)
        MonthlyRecord.objects.filter(pk=record.pk).update(
            commented_at=_at(min(today, filed + datetime.timedelta(days=3)), 9)
        )


def _long_leave(secondment: Secondment, staff, today: datetime.date) -> None:
    if secondment.leaves.filter(status=LeaveStatus.APPROVED, days__gt=7).exists():
        return
    for kind, first, last, reason in LONG_LEAVE:
        start, end = today - datetime.timedelta(days=first), today - datetime.timedelta(days=last)
        leave = assignment_services.request_leave(
            secondment=secondment, kind=kind, start_date=start, end_date=end, reason=reason, actor=staff
        )
        assignment_services.record_outside_approval(
            leave=leave,
            approver_name=f"{secondment.sending_unit.name}分管负责同志",
            decided_on=start - datetime.timedelta(days=1),
            actor=staff,
        )
        assignment_services.report_back(
            leave=leave, reported_back_on=end + datetime.timedelta(days=1), actor=staff
        )


def seed_radar(secondments: dict[str, Secondment], staff) -> None:
    """Projects, monthly records and comments for the serving cadres, and 赵丽娟's long leave."""
    today = timezone.localdate()
    for name, secondment in secondments.items():
        secondment.refresh_from_db()
        if secondment.status not in SERVING_STATUSES or secondment.reported_on is None:
            continue
        project = _project(secondment, name, staff)
        _records(secondment, name, project, staff, today)
        if name == AWAY_OFTEN:
            _long_leave(secondment, staff, today)
