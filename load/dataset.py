"""What the load run adds to the demo data so that 30 people can keep writing for a minute.

The demo leaders have only a handful of cadres and one appraisal each to file.
This places more cadres in their three units and opens a few special
appraisal rounds over those units, so each leader's queue holds dozens of
pending appraisals. Everything goes through the real services, as a person
at the organization department would do it; only the people and the posts
themselves are created directly, as the demo does.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assignments import services as assignment_services
from assignments.models import Post
from cadres.choices import Degree, Education, Gender, LeadershipLevel, PoliticalStatus
from cadres.models import Cadre, Specialty, Unit
from cadres.validators import check_digit
from evaluations import services as evaluation_services
from evaluations.choices import AppraisalStatus, RoundKind
from evaluations.models import Appraisal
from oversight.demo_appraisals import LEADERS

# A post in each leader's unit that takes the extra cadres.
EXTRA_POSTS = {
    "县财政局": ("局长助理", "财政收支分析和国有资产管理", ["财政金融"]),
    "县人民政府": ("副秘书长", "协助联系发展改革、重点项目和营商环境", ["发展改革", "项目建设"]),
    "青山镇": ("镇长助理", "产业项目和集体经济发展", ["乡村振兴", "农业农村"]),
}
SENDERS = ["省财政厅", "省发展和改革委员会", "省农业农村厅", "市财政局", "市商务局", "省林业局"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ["建国", "海燕", "志远", "文静", "晓明", "春华", "立群", "雅琴", "振宇", "思源", "红梅", "国栋"]
# The extra cadres arrived 200 days ago, in a batch of a name the demo never gives.
ARRIVED_DAYS_AGO = 200
BATCH = "省派补充批"
ROUND_TITLE = "{year}年专项考核（第{n}批）"


def batch_label(today: datetime.date) -> str:
    """The extra cadres' batch, named like the demo's after the year they arrived: 2026年省派补充批."""
    return f"{(today - datetime.timedelta(days=ARRIVED_DAYS_AGO)).year}年{BATCH}"


@dataclass(frozen=True)
class LoadData:
    cadres_per_unit: int
    rounds: int

    def describe(self, pending: dict[str, int]) -> str:
        queues = "，".join(f"{user} {count}" for user, count in pending.items())
        return (
            f"{self.cadres_per_unit} more cadres in post in each leader's unit, "
            f"{self.rounds} special appraisal rounds; pending appraisals: {queues}"
        )


def _id_number(serial: int, birth: datetime.date, male: bool) -> str:
    # Region 430104 is used by neither the demo nor the tests; the serial keeps numbers unique.
    first17 = f"430104{birth:%Y%m%d}{serial % 100:02d}{(2 * (serial % 5) + male) % 10}"
    return first17 + check_digit(first17)


def _cadre(serial: int, home: Unit, specialties: list[Specialty]) -> Cadre:
    male = serial % 3 != 0
    birth = datetime.date(1978 + serial % 14, 1 + serial % 12, 1 + serial % 27)
    cadre = Cadre.objects.create(
        name=SURNAMES[serial % len(SURNAMES)] + GIVEN[(serial * 7) % len(GIVEN)],
        gender=Gender.MALE if male else Gender.FEMALE,
        birth_date=birth,
        birthplace="湖南长沙",
        political_status=PoliticalStatus.CPC_MEMBER,
        party_join_date=datetime.date(birth.year + 22, 7, 1),
        work_start_date=datetime.date(birth.year + 23, 7, 1),
        education=Education.POSTGRADUATE if serial % 2 else Education.UNDERGRADUATE,
        degree=Degree.MASTER if serial % 2 else Degree.BACHELOR,
        school="湖南大学",
        major="经济学",
        id_number=_id_number(serial, birth, male),
        phone=f"138{7400 + serial:04d}{2000 + serial * 13:04d}",
        leadership_level=LeadershipLevel.DEPUTY_SECTION_HEAD if serial % 2 else LeadershipLevel.SECTION_HEAD,
        home_unit=home,
        home_position="科长" if serial % 2 == 0 else "副科长",
        wishes="希望到基层一线压担子、强锻炼。",
        family_location="长沙市",
    )
    cadre.specialties.set(specialties)
    return cadre


def _place_extra_cadres(cadres_per_unit: int, staff) -> None:
    today = timezone.localdate()
    start = today - datetime.timedelta(days=ARRIVED_DAYS_AGO)
    serial = 0
    for unit_name, (title, portfolio, skills) in EXTRA_POSTS.items():
        unit = Unit.objects.get(name=unit_name)
        specialties = list(Specialty.objects.filter(name__in=skills))
        post = Post.objects.create(
            unit=unit,
            title=title,
            portfolio=portfolio,
            quota=cadres_per_unit,
            strong_team=True,
            broad_scope=True,
            reason="重点任务多，需要更多挂职干部充实力量",
        )
        post.specialties.set(specialties)
        for _n in range(cadres_per_unit):
            serial += 1
            home = Unit.objects.get(name=SENDERS[serial % len(SENDERS)])
            cadre = _cadre(serial, home, specialties)
            secondment = assignment_services.register_secondment(
                cadre=cadre,
                sending_unit=home,
                term_start=start,
                term_end=start + datetime.timedelta(days=730),
                batch=batch_label(today),
                appointment_document=f"{start.year}〔{40 + serial}〕号",
                actor=staff,
            )
            reported = start + datetime.timedelta(days=3)
            assignment_services.report_arrival(secondment=secondment, reported_on=reported, actor=staff)
            assignment_services.assign(
                secondment=secondment,
                post=post,
                start_date=reported + datetime.timedelta(days=5),
                actor=staff,
            )


def _open_rounds(rounds: int, staff) -> None:
    year = timezone.localdate().year
    units = [Unit.objects.get(name=name) for name in LEADERS]
    for n in range(1, rounds + 1):
        appraisal_round, _added = evaluation_services.open_round(
            title=ROUND_TITLE.format(year=year, n=n),
            kind=RoundKind.SPECIAL,
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            due_date=datetime.date(year + 1, 1, 31),
            note="专项考核：由接收单位领导填报。",
            receiving_unit=units[0],
            actor=staff,
        )
        for unit in units[1:]:
            evaluation_services.extend_round(
                appraisal_round=appraisal_round, receiving_unit=unit, actor=staff
            )


def pending_by_leader() -> dict[str, int]:
    """How many appraisals wait in each demo leader's queue."""
    return {
        username: Appraisal.objects.filter(unit__name=unit, status=AppraisalStatus.PENDING).count()
        for unit, username in LEADERS.items()
    }


def add(data: LoadData) -> dict[str, int]:
    """Add the load run's cadres and rounds to a freshly seeded demo; returns the pending queues."""
    staff = get_user_model().objects.get(username="zuzhibu")
    with transaction.atomic():
        _place_extra_cadres(data.cadres_per_unit, staff)
        _open_rounds(data.rounds, staff)
    return pending_by_leader()
