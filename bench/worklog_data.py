"""The work records (工作纪实) the role-deviation radar reads: monthly records and projects.

Every secondment that reported for duty has a record for each of the last
``spec.record_months`` months of its time in the county (up to the month
whose record is due now, or its end): about 20,000 × 12. Most are filed a
few days before their due day and commented on within days; about one in
twenty-five cadres still in the county owes the month that is due (纪实逾期),
about one in thirty has records left without a comment for over a month
(审阅缺位). ``spec.projects`` projects go to about nine in ten cadres in post,
mostly led or carried; the others hold a post with no project (有名无实).
The leave that makes a cadre away often (离岗偏多) is ``care_data``'s.
"""

import datetime

from assignments.choices import IN_COUNTY_STATUSES
from worklog import radar
from worklog.choices import ProjectKind, ProjectRole
from worklog.models import MonthlyRecord, Project

from .context import BuildContext, S, Weighted, days, insert_rows

ROLES = Weighted([(ProjectRole.LEADS, 0.45), (ProjectRole.CARRIES, 0.35), (ProjectRole.TAKES_PART, 0.2)])
KINDS = Weighted([(kind, 1.0) for kind in ProjectKind.values])
PROJECT_NAMES = [
    "产业园建设",
    "招商引资专班",
    "高标准农田建设",
    "老旧小区改造",
    "乡村振兴示范片",
    "数字政务改革",
]
WORK_DONE = [
    "走访园区企业，协调解决用工、融资问题；参加单位党组会议和重点工作调度会。",
    "牵头推进分管项目，现场办公三次，解决征拆问题两项。",
    "开展专题调研，形成调研报告一篇；参与县委中心组学习。",
]
COMMENTS = ["工作扎实，望继续推进项目落地。", "情况属实，同意。", "工作积极主动，成效明显。"]


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _months(first: datetime.date, last: datetime.date, count: int) -> list[datetime.date]:
    """Up to ``count`` months from ``last`` back to ``first`` (first days), oldest first."""
    found, month = [], _first_of_month(last)
    while month >= _first_of_month(first) and len(found) < count:
        found.append(month)
        month = _first_of_month(month - days(1))
    return found[::-1]


def build_records(ctx: BuildContext) -> None:
    """The monthly records, inserted directly: nothing refers to them."""
    rng, today = ctx.rng("records"), ctx.today
    due = radar.month_due(today)
    staff = ctx.users["staff"]
    records = []
    for s in ctx.secondments:
        if s.reported_on is None:
            continue
        last = min(due, _first_of_month(s.actual_end or s.term_end))
        months = _months(s.reported_on, last, ctx.spec.record_months)
        in_county = s.status in IN_COUNTY_STATUSES
        if in_county and months and months[-1] == due and rng.random() < 0.04:
            months.pop()
        unread = in_county and rng.random() < 0.03
        leader = ctx.leaders.get(s.current_unit_id)
        for month in months:
            filed = min(radar.falls_due_on(month) - days(rng.randint(0, 12)), today)
            record = MonthlyRecord(
                secondment_id=s.pk,
                month=month,
                work_done=rng.choice(WORK_DONE),
                problems="",
                next_plan="继续推进分管工作。",
                filed_by_id=staff.pk,
                on_behalf=True,
                filed_at=ctx.at(filed, rng),
            )
            commented = min(filed + days(rng.randint(1, 10)), today)
            if not (unread or commented >= today) and leader is not None:
                record.comment = rng.choice(COMMENTS)
                record.commented_by_id = leader.pk
                record.commented_at = ctx.at(commented, rng)
            records.append(record)
    insert_rows(MonthlyRecord, records)


def build_projects(ctx: BuildContext) -> None:
    """Projects for nine in ten cadres in post or under review, one or more each (at most ``spec.projects``)."""
    rng = ctx.rng("projects")
    serving = [s for s in ctx.secondments if s.status in (S.IN_POST, S.UNDER_REVIEW) and s.reported_on]
    holders = [s for s in serving if rng.random() < 0.9]
    projects = []
    while holders and len(projects) < ctx.spec.projects:
        for s in holders:
            if len(projects) >= ctx.spec.projects:
                break
            projects.append(
                Project(
                    secondment_id=s.pk,
                    name=rng.choice(PROJECT_NAMES),
                    kind=KINDS.pick(rng),
                    role=ROLES.pick(rng),
                    stage="推进中",
                    started_on=min(s.reported_on + days(rng.randint(10, 90)), ctx.today),
                )
            )
        holders = [s for s in holders if rng.random() < 0.5]
    insert_rows(Project, projects)
