"""The appraisal part of the demo: an open annual round with appraisals in every state, and
end-of-term reviews at different steps. Everything goes through the real services."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments import services as assignment_services
from assignments.models import Secondment
from cadres.choices import MembershipRole
from cadres.models import Unit, UnitMembership
from evaluations import services
from evaluations.choices import AppraisalStatus, RoundKind
from evaluations.models import AppraisalRound

# The leaders among the demo logins, by the unit they lead: they file their units' appraisals.
LEADERS = {"县财政局": "ld_caizheng", "县人民政府": "ld_zhengfu", "青山镇": "ld_qingshan"}

# The sending units' liaisons among the demo logins: they confirm receipt of the feedback letters.
LIAISONS = {"省财政厅": "ll_caizheng", "省林业局": "ll_linye"}
# A completed term whose feedback letter the sending unit never confirmed (the dashboard's watch).
LETTER_UNCONFIRMED = {"梁文涛"}

# cadre: (state in the round, grade filed)
ROUND_STATES = {
    "马晓东": ("pending", ""),
    "赵丽娟": ("pending", ""),
    "郑雪梅": ("pending", ""),
    "张国华": ("submitted", "competent"),
    "彭丽华": ("submitted", "competent"),
    "李明轩": ("returned", "excellent"),
    "王静怡": ("confirmed", "excellent"),
    "杨志强": ("confirmed", "excellent"),
    "孙立新": ("confirmed", "excellent"),
    "罗晓峰": ("confirmed", "competent"),
    "刘建军": ("confirmed", "competent"),
    "胡俊杰": ("confirmed", "competent"),
    "徐振华": ("confirmed", "competent"),
    "周文博": ("confirmed", "basically_competent"),
}

REMARKS = {
    "excellent": ("工作主动，成效突出，在急难险重任务中发挥了骨干作用。", "统筹全局的经验还需积累。"),
    "competent": ("能较好履行挂职岗位职责，工作作风扎实，与班子成员配合融洽。", "深入基层调研还不够。"),
    "basically_competent": ("能完成交办的工作任务。", "主动性不够，到岗时间偏少。"),
    # A routine (平时) appraisal's grades: 好 / 较好 / 一般.
    "good": ("本月牵头推进重点项目，工作成效明显。", "统筹协调还需加强。"),
    "fairly_good": ("能按时完成本月工作任务，作风扎实。", "主动谋划不够。"),
    "average": ("基本完成交办任务。", "到岗时间偏少。"),
}

# The routine round due soon: the first of its appraisals confirmed 好, the second filed 较好.
DUE_ROUND_FILED = (("confirmed", "good"), ("submitted", "fairly_good"))

SELF_SUMMARY = (
    "挂职以来，我始终把学习放在首位，认真学习习近平新时代中国特色社会主义思想，"
    "虚心向基层干部群众学习。\n"
    "工作上，我协助分管领域的日常工作，牵头推进了几项重点任务，主动把派出单位的政策、"
    "资源优势与县里的实际需要结合起来，为地方发展出了一份力。\n"
    "生活上，我严格遵守挂职干部管理规定，按时请销假，廉洁自律。\n"
    "不足之处是对基层情况的了解还不够深入，今后将继续加强学习，把挂职锻炼的收获运用到今后的工作中。"
)

RETURN_REASON = "“优秀”等次的依据不够充分，请结合年度实绩补充说明或重新评定。"


def appraisal_data(grade: str) -> dict:
    """A filled-in appraisal for the demo, worded for the grade."""
    rating = {
        "excellent": "good",
        "competent": "fairly_good",
        "basically_competent": "average",
        "good": "good",
        "fairly_good": "fairly_good",
        "average": "average",
    }[grade]
    strengths, weaknesses = REMARKS[grade]
    data = {aspect: rating for aspect in ("morality", "ability", "diligence", "achievement", "integrity")}
    data["morality"] = data["integrity"] = "good"
    data.update(
        grade=grade,
        strengths=strengths,
        weaknesses=weaknesses,
        hopes="希望继续保持好的作风，扎根基层、多办实事。",
    )
    return data


def _filer(unit_name: str, staff):
    """The unit's leader files its appraisals (staff only where it has none, on its behalf)."""
    username = LEADERS.get(unit_name)
    if username is not None:
        return get_user_model().objects.get(username=username)
    membership = (
        UnitMembership.objects.filter(unit__name=unit_name, role=MembershipRole.LEADER, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership is not None else staff


def _liaison(unit_name: str, staff):
    username = LIAISONS.get(unit_name)
    if username is None:
        return staff
    return get_user_model().objects.get(username=username)


def _finish_leaving_steps(review, *, on: datetime.date, staff) -> None:
    """An archived demo term went through its intake steps (each by its due day) and its exit steps."""
    for entry in review.secondment.checklist.filter(done_on__isnull=True):
        assignment_services.complete_checklist_entry(entry=entry, done_on=min(entry.due_on, on), actor=staff)
    for entry in review.exit_checklist.filter(done_on__isnull=True):
        services.complete_exit_step(entry=entry, done_on=on, actor=staff)


def review_term(secondment: Secondment, *, step: str, end: datetime.date, staff) -> None:
    """Start the end-of-term review of a demo term and walk it to the step asked for:
    "started", "summary", "fed_back" or "archived"."""
    today = timezone.localdate()
    review = services.start_term_review(secondment=secondment, actor=staff, today=max(today, end))
    if step == "started":
        return
    received = min(today, end) - datetime.timedelta(days=30)
    services.record_self_summary(review=review, text=SELF_SUMMARY, received_on=received, actor=staff)
    if step == "summary":
        return
    services.record_democratic_rating(
        review=review,
        raters=25,
        votes={"excellent": 9, "competent": 15, "basically_competent": 1},
        rated_on=received + datetime.timedelta(days=5),
        actor=staff,
    )
    services.file_appraisal(
        appraisal=review.appraisal,
        data=appraisal_data("competent"),
        actor=_filer(review.appraisal.unit.name, staff),
    )
    services.confirm_appraisal(appraisal=review.appraisal, actor=staff)
    reviewed = received + datetime.timedelta(days=15)
    services.record_org_opinion(
        review=review,
        opinion="该同志挂职期间政治立场坚定，工作积极主动，较好完成了挂职任务。同意接收单位鉴定意见，评定为称职。",
        final_grade="competent",
        today=reviewed,
        actor=staff,
    )
    fed_back = reviewed + datetime.timedelta(days=3)
    services.record_feedback(review=review, fed_back_on=fed_back, actor=staff)
    if step == "archived":
        _finish_leaving_steps(review, on=min(today, fed_back), staff=staff)
        services.archive_review(review=review, end_date=end, today=max(end, fed_back), actor=staff)
        if secondment.cadre.name not in LETTER_UNCONFIRMED:
            services.acknowledge_feedback(
                review=review,
                acknowledged_on=min(today, fed_back + datetime.timedelta(days=5)),
                actor=_liaison(secondment.sending_unit.name, staff),
            )


LATE_ROUND_UNIT = "青山镇"
DUE_ROUND_UNIT = "县人民政府"


def _last_quarter_ended_weeks_ago(today: datetime.date) -> tuple[int, int, datetime.date, datetime.date]:
    """The most recent quarter that ended at least three weeks ago: year, number, first and last day."""
    year, quarter = today.year, (today.month - 1) // 3  # the quarter before this one, 0 for last year's 4th
    while True:
        if quarter == 0:
            year, quarter = year - 1, 4
        first = datetime.date(year, 3 * quarter - 2, 1)
        next_first = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        last = next_first - datetime.timedelta(days=1)
        if (today - last).days >= 21:
            return year, quarter, first, last
        quarter -= 1


def _routine_round(
    staff, *, title: str, unit_name: str, first: datetime.date, last: datetime.date, due: datetime.date
) -> AppraisalRound | None:
    existing = AppraisalRound.objects.filter(title=title).first()
    if existing is not None:
        return existing
    unit = Unit.objects.filter(name=unit_name).first()
    if unit is None:
        return None
    appraisal_round, _added = services.open_round(
        title=title,
        kind=RoundKind.ROUTINE,
        period_start=first,
        period_end=last,
        due_date=due,
        note="平时考核，由接收单位领导填报。",
        receiving_unit=unit,
        actor=staff,
    )
    return appraisal_round


def seed_late_round(staff) -> AppraisalRound | None:
    """Last quarter's routine round for one township, due two weeks after the quarter and never
    filed: the dashboard's overdue appraisals."""
    year, quarter, first, last = _last_quarter_ended_weeks_ago(timezone.localdate())
    return _routine_round(
        staff,
        title=f"{year}年第{quarter}季度考核（{LATE_ROUND_UNIT}）",
        unit_name=LATE_ROUND_UNIT,
        first=first,
        last=last,
        due=last + datetime.timedelta(days=14),
    )


def seed_due_round(staff) -> AppraisalRound | None:
    """Last month's routine round for the county government, opened this week and due in ten days:
    appraisals waiting in a leader's queue that are not late yet."""
    today = timezone.localdate()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    title = f"{last.year}年{last.month}月平时考核（{DUE_ROUND_UNIT}）"
    fresh = not AppraisalRound.objects.filter(title=title).exists()
    appraisal_round = _routine_round(
        staff,
        title=title,
        unit_name=DUE_ROUND_UNIT,
        first=last.replace(day=1),
        last=last,
        due=today + datetime.timedelta(days=10),
    )
    if appraisal_round is None or not fresh:
        return appraisal_round
    appraisals = list(appraisal_round.appraisals.order_by("secondment__cadre__name_pinyin", "id"))
    # Graded in a routine round's own terms, leaving at least one in the leader's queue.
    for appraisal, (state, grade) in zip(appraisals[:-1], DUE_ROUND_FILED, strict=False):
        services.file_appraisal(
            appraisal=appraisal, data=appraisal_data(grade), actor=_filer(appraisal.unit.name, staff)
        )
        if state == AppraisalStatus.CONFIRMED:
            services.confirm_appraisal(appraisal=appraisal, actor=staff)
    return appraisal_round


def annual_round_year(today: datetime.date) -> int:
    """The year whose annual appraisal is open: this year's, or last year's in January and February."""
    return today.year if today.month > 2 else today.year - 1


def seed_round(staff) -> AppraisalRound:
    """The open annual round, with appraisals pending, submitted, returned and confirmed; due on
    15 January after its year, or three weeks on when it is opened later than that."""
    today = timezone.localdate()
    year = annual_round_year(today)
    title = f"{year}年度考核"
    existing = AppraisalRound.objects.filter(title=title).first()
    if existing is not None:
        return existing
    appraisal_round, _added = services.open_round(
        title=title,
        kind=RoundKind.ANNUAL,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        due_date=max(datetime.date(year + 1, 1, 15), today + datetime.timedelta(days=21)),
        note="对在岗挂职干部进行年度考核，由接收单位领导填报，组织部审核确认。",
        actor=staff,
    )
    appraisals = appraisal_round.appraisals.select_related("secondment__cadre", "unit")
    for appraisal in appraisals:
        state, grade = ROUND_STATES.get(appraisal.secondment.cadre.name, ("pending", ""))
        if state == AppraisalStatus.PENDING:
            continue
        services.file_appraisal(
            appraisal=appraisal, data=appraisal_data(grade), actor=_filer(appraisal.unit.name, staff)
        )
        if state == AppraisalStatus.CONFIRMED:
            services.confirm_appraisal(appraisal=appraisal, actor=staff)
        elif state == AppraisalStatus.RETURNED:
            services.return_appraisal(appraisal=appraisal, reason=RETURN_REASON, actor=staff)
    return appraisal_round
