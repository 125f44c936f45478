"""The demo data set that ``seed_demo`` loads: a county, its units and cadres.

Everything is keyed by natural keys so that running it again changes nothing.
Later parts (posts, secondments, talks, appraisals) build on what this makes.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from assignments import services as assignment_services
from assignments.choices import SERVING_STATUSES, LeaveKind, TalkerRole, TalkKind
from assignments.models import Post, Secondment
from cadres.choices import (
    Degree,
    Education,
    Gender,
    MembershipRole,
    PoliticalStatus,
    UnitTier,
)
from cadres.models import Cadre, Specialty, Unit, UnitMembership
from cadres.validators import check_digit
from guazhi.access import ORG_STAFF_GROUP
from guazhi.dates import term_end

from . import (
    demo_accounts,
    demo_appraisals,
    demo_living,
    demo_people,
    demo_radar,
    demo_selection,
    demo_worklog,
)

DEMO_PASSWORD = "guazhi-demo-2024"

SPECIALTIES = [
    "财政金融", "交通运输", "发展改革", "招商引资", "工业经济", "农业农村", "林业花木", "乡村振兴",
    "征地拆迁", "项目建设", "项目落地", "企业服务", "城乡规划", "生态环保", "医疗卫生", "教育",
    "科技服务", "法律", "信息化", "人口计生", "文化旅游", "水利", "应急管理",
]  # fmt: skip

COUNTY_UNITS = [
    "县人民政府", "县委办公室", "县政府办公室", "县发展和改革局", "县财政局", "县自然资源局",
    "县住房和城乡建设局", "县交通运输局", "县农业农村局", "县林业局", "县水利局", "县商务局",
    "县卫生健康局", "县教育局", "县科学技术局", "县文化和旅游局", "县工业园区管委会",
]  # fmt: skip
TOWNSHIPS = ["城关镇", "青山镇", "白石乡", "河西街道办事处", "龙泉镇", "桃源乡"]

SENDING_UNITS = [
    ("省财政厅", UnitTier.PROVINCIAL),
    ("省交通运输厅", UnitTier.PROVINCIAL),
    ("省发展和改革委员会", UnitTier.PROVINCIAL),
    ("省林业局", UnitTier.PROVINCIAL),
    ("省卫生健康委员会", UnitTier.PROVINCIAL),
    ("省农业农村厅", UnitTier.PROVINCIAL),
    ("市财政局", UnitTier.MUNICIPAL),
    ("市商务局", UnitTier.MUNICIPAL),
    ("市自然资源和规划局", UnitTier.MUNICIPAL),
    ("市教育局", UnitTier.MUNICIPAL),
    ("省农业科学院", UnitTier.ACADEMIC),
    ("省交通投资集团有限公司", UnitTier.STATE_ENTERPRISE),
]

# name, gender, birth (y, m, d), home unit, home position, level, specialties, education
CADRES = [
    ("张国华", "m", (1978, 4, 12), "省财政厅", "预算处副处长", "deputy_division_head", ["财政金融", "招商引资"], "postgraduate"),
    ("李明轩", "m", (1982, 9, 3), "省交通运输厅", "综合规划处四级调研员", "deputy_division_head", ["交通运输", "项目建设"], "undergraduate"),
    ("王静怡", "f", (1986, 1, 22), "省发展和改革委员会", "投资处副处长", "deputy_division_head", ["发展改革", "项目落地"], "postgraduate"),
    ("刘建军", "m", (1975, 11, 8), "省林业局", "造林绿化处处长", "division_head", ["林业花木", "乡村振兴"], "undergraduate"),
    ("陈晓燕", "f", (1988, 6, 17), "省卫生健康委员会", "医政处一级主任科员", "section_head", ["医疗卫生"], "postgraduate"),
    ("杨志强", "m", (1980, 3, 30), "省农业农村厅", "种植业处副处长", "deputy_division_head", ["农业农村", "乡村振兴"], "postgraduate"),
    ("赵丽娟", "f", (1990, 12, 5), "市财政局", "预算科科长", "section_head", ["财政金融"], "undergraduate"),
    ("黄海涛", "m", (1985, 7, 19), "市商务局", "外资科科长", "section_head", ["招商引资", "企业服务"], "undergraduate"),
    ("周文博", "m", (1987, 2, 14), "市自然资源和规划局", "用地科副科长", "deputy_section_head", ["征地拆迁", "城乡规划"], "undergraduate"),
    ("吴雅婷", "f", (1991, 10, 28), "市教育局", "基础教育科副科长", "deputy_section_head", ["教育"], "postgraduate"),
    ("徐振华", "m", (1979, 5, 9), "省农业科学院", "研究员", "", ["科技服务", "农业农村"], "postgraduate"),
    ("孙立新", "m", (1983, 8, 21), "省交通投资集团有限公司", "项目部经理", "", ["项目建设", "交通运输"], "undergraduate"),
    ("马晓东", "m", (1984, 4, 2), "省财政厅", "综合处二级调研员", "", ["财政金融", "法律"], "postgraduate"),
    ("朱慧敏", "f", (1989, 9, 16), "省发展和改革委员会", "地区处一级主任科员", "", ["发展改革", "乡村振兴"], "postgraduate"),
    ("胡俊杰", "m", (1981, 1, 27), "省交通运输厅", "公路处副处长", "deputy_division_head", ["交通运输", "征地拆迁"], "undergraduate"),
    ("郭春梅", "f", (1977, 3, 11), "省卫生健康委员会", "基层卫生处处长", "division_head", ["医疗卫生", "人口计生"], "postgraduate"),
    ("何志刚", "m", (1986, 6, 6), "市财政局", "国库科副科长", "deputy_section_head", ["财政金融", "信息化"], "undergraduate"),
    ("高玉兰", "f", (1992, 11, 30), "市商务局", "电商科科员", "clerk", ["企业服务", "信息化"], "undergraduate"),
    ("林子涵", "m", (1988, 2, 25), "省林业局", "林改处副处长", "deputy_division_head", ["林业花木", "生态环保"], "postgraduate"),
    ("罗晓峰", "m", (1983, 12, 13), "省农业农村厅", "乡村产业处副处长", "deputy_division_head", ["乡村振兴", "招商引资"], "undergraduate"),
    ("郑雪梅", "f", (1985, 8, 8), "市自然资源和规划局", "规划科科长", "section_head", ["城乡规划", "生态环保"], "postgraduate"),
    ("梁文涛", "m", (1980, 10, 1), "市教育局", "督导科科长", "section_head", ["教育", "法律"], "undergraduate"),
    ("宋佳琪", "f", (1993, 5, 20), "省财政厅", "金融处二级主任科员", "", ["财政金融"], "postgraduate"),
    ("谢宏伟", "m", (1976, 7, 7), "省发展和改革委员会", "重点项目处处长", "division_head", ["项目建设", "发展改革"], "postgraduate"),
    ("韩冬梅", "f", (1987, 1, 9), "省农业科学院", "副研究员", "", ["农业农村", "科技服务"], "postgraduate"),
    ("唐国庆", "m", (1979, 10, 1), "省交通投资集团有限公司", "投资部副部长", "", ["招商引资", "项目建设"], "undergraduate"),
    ("冯晓琳", "f", (1990, 4, 18), "市财政局", "绩效科副科长", "deputy_section_head", ["财政金融", "企业服务"], "undergraduate"),
    ("邓超", "m", (1984, 9, 29), "市商务局", "招商科科长", "section_head", ["招商引资"], "undergraduate"),
    ("曹瑞", "m", (1989, 3, 3), "省林业局", "国有林场处一级主任科员", "", ["林业花木", "文化旅游"], "postgraduate"),
    ("彭丽华", "f", (1982, 6, 26), "省卫生健康委员会", "疾控处副处长", "deputy_division_head", ["医疗卫生", "应急管理"], "postgraduate"),
]  # fmt: skip

GRADE_WHEN_NO_LEVEL = {
    "徐振华": "researcher_2",
    "孙立新": "",
    "马晓东": "researcher_2",
    "朱慧敏": "principal_staff_1",
    "宋佳琪": "principal_staff_2",
    "韩冬梅": "",
    "唐国庆": "",
    "曹瑞": "principal_staff_1",
}

REGION_PREFIXES = ["430102", "430103", "430111", "430405", "430521", "431102", "430602"]


@dataclass
class DemoUser:
    username: str
    role: str
    unit: str


DEMO_USERS = [
    DemoUser("zuzhibu", "staff", ""),
    DemoUser("ld_caizheng", "leader", "县财政局"),
    DemoUser("ld_zhengfu", "leader", "县人民政府"),
    DemoUser("ld_qingshan", "leader", "青山镇"),
    DemoUser("ll_caizheng", "liaison", "省财政厅"),
    DemoUser("ll_linye", "liaison", "省林业局"),
    DemoUser("admin", "admin", ""),
]

# (family name, given name): people are greeted and named in the history by their names, not their units.
DEMO_USER_NAMES = {
    "zuzhibu": ("李", "明华"),
    "ld_caizheng": ("王", "志刚"),
    "ld_zhengfu": ("陈", "立新"),
    "ld_qingshan": ("周", "海燕"),
    "ll_caizheng": ("赵", "晓梅"),
    "ll_linye": ("钱", "学军"),
    "admin": ("", "系统管理员"),
}


def demo_id_number(index: int, birth: datetime.date, male: bool) -> str:
    prefix = REGION_PREFIXES[index % len(REGION_PREFIXES)]
    serial = 10 + (index * 7) % 89
    sex_digit = (2 * (index % 5) + (1 if male else 0)) % 10
    first17 = f"{prefix}{birth:%Y%m%d}{serial:02d}{sex_digit}"
    return first17 + check_digit(first17)


def seed_units() -> dict[str, Unit]:
    units = {}
    for name in COUNTY_UNITS:
        units[name], _ = Unit.objects.get_or_create(
            name=name, defaults={"tier": UnitTier.COUNTY, "receives": True}
        )
    for name in TOWNSHIPS:
        units[name], _ = Unit.objects.get_or_create(
            name=name, defaults={"tier": UnitTier.TOWNSHIP, "receives": True}
        )
    for index, (name, tier) in enumerate(SENDING_UNITS):
        units[name], _ = Unit.objects.get_or_create(
            name=name,
            defaults={
                "tier": tier,
                "sends": True,
                "contact_name": "联络员",
                "contact_phone": f"0731-8{index:03d}6{index:03d}",
            },
        )
    return units


def seed_specialties() -> dict[str, Specialty]:
    return {name: Specialty.objects.get_or_create(name=name)[0] for name in SPECIALTIES}


def seed_cadres(units: dict[str, Unit], specialties: dict[str, Specialty]) -> dict[str, Cadre]:
    rng = random.Random(20240301)
    cadres = {}
    for index, (name, sex, born, home, position, level, skills, education) in enumerate(CADRES):
        birth = datetime.date(*born)
        male = sex == "m"
        id_number = demo_id_number(index, birth, male)
        cadre = Cadre.objects.filter(id_number=id_number).first()
        if cadre is None:
            cadre = Cadre.objects.create(
                name=name,
                gender=Gender.MALE if male else Gender.FEMALE,
                birth_date=birth,
                birthplace=rng.choice(
                    ["湖南长沙", "湖南湘潭", "湖南衡阳", "湖南岳阳", "湖北武汉", "江西萍乡"]
                ),
                political_status=PoliticalStatus.CPC_MEMBER if index % 9 else PoliticalStatus.NON_PARTY,
                party_join_date=datetime.date(birth.year + 22, 7, 1) if index % 9 else None,
                work_start_date=datetime.date(birth.year + 23, 7, 1),
                education=education,
                degree=Degree.MASTER if education == Education.POSTGRADUATE else Degree.BACHELOR,
                school=rng.choice(["湖南大学", "中南大学", "湖南师范大学", "湘潭大学", "武汉大学"]),
                major=rng.choice(["经济学", "财政学", "交通工程", "林学", "公共管理", "法学", "临床医学"]),
                id_number=id_number,
                phone=f"139{7300 + index:04d}{1000 + index * 37:04d}",
                leadership_level=level,
                grade=GRADE_WHEN_NO_LEVEL.get(name, ""),
                home_unit=units[home],
                home_position=position,
                resume=f"{birth.year + 23}.07—  {home}工作",
                wishes=_wish_for(skills),
                family_location=rng.choice(["长沙市", "湘潭市", "株洲市", "岳阳市"]),
            )
            cadre.specialties.set([specialties[s] for s in skills])
        cadres[name] = cadre
    return cadres


def _wish_for(skills: list[str]) -> str:
    return f"希望到能发挥{'、'.join(skills)}专长的岗位，多接触基层实际工作。"


def seed_users(units: dict[str, Unit]) -> list[tuple[str, str, str]]:
    User = get_user_model()
    staff_group = Group.objects.get(name=ORG_STAFF_GROUP)
    logins = []
    for demo in DEMO_USERS:
        last, first = DEMO_USER_NAMES[demo.username]
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={"first_name": first, "last_name": last, "email": f"{demo.username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if demo.role == "staff":
            user.groups.add(staff_group)
        elif demo.role == "admin":
            if not user.is_superuser:
                user.is_superuser = user.is_staff = True
                user.save(update_fields=["is_superuser", "is_staff"])
        else:
            role = MembershipRole.LEADER if demo.role == "leader" else MembershipRole.LIAISON
            UnitMembership.objects.get_or_create(user=user, unit=units[demo.unit], role=role)
        logins.append((demo.username, demo.role, demo.unit))
    return logins


# unit, title, portfolio, expected level, quota, specialties, strong team, broad scope, reason
POSTS = [
    ("县人民政府", "副县长", "征地拆迁、重大项目落地和企业服务", "division", 1,
     ["征地拆迁", "项目落地", "企业服务"], True, True, "全县重点项目多、征拆任务重，急需懂项目、能协调的干部"),
    ("县人民政府", "县长助理", "招商引资和工业园区建设", "division", 1,
     ["招商引资", "工业经济"], True, True, "招商引资是全县头号工程"),
    ("县林业局", "副局长", "林业产业和花木基地建设，推进乡村振兴", "any", 1,
     ["林业花木", "乡村振兴"], True, False, "花木产业是我县特色产业"),
    ("县财政局", "副局长", "预算绩效和政府债务管理", "division", 2,
     ["财政金融"], True, True, "债务化解和绩效管理任务重"),
    ("县发展和改革局", "副局长", "重点项目谋划和争资争项", "division", 1,
     ["发展改革", "项目建设"], True, True, "项目谋划力量薄弱"),
    ("县交通运输局", "副局长", "公路建设和农村公路管养", "any", 1,
     ["交通运输", "项目建设"], False, True, "国省干线改造任务重"),
    ("县卫生健康局", "副局长", "医政医改和基层医疗卫生", "any", 1,
     ["医疗卫生"], True, False, "县域医共体建设需要专业力量"),
    ("县农业农村局", "副局长", "乡村产业发展", "any", 1,
     ["农业农村", "乡村振兴"], False, True, "乡村产业项目多"),
    ("县商务局", "局长助理", "电子商务和外贸", "section", 1,
     ["企业服务", "招商引资"], False, False, "电商进农村工作需要加强"),
    ("县教育局", "局长助理", "教育督导和质量提升", "section", 1,
     ["教育"], True, False, "教育质量提升"),
    ("县自然资源局", "副局长", "国土空间规划和用地保障", "any", 1,
     ["城乡规划", "征地拆迁"], False, True, "用地保障压力大"),
    ("县工业园区管委会", "副主任", "园区招商和企业服务", "any", 2,
     ["招商引资", "企业服务", "工业经济"], True, True, "园区扩区提质"),
    ("青山镇", "党委副书记", "乡村振兴和基层治理", "section", 1,
     ["乡村振兴"], True, True, "乡村振兴示范镇创建"),
    ("青山镇", "副镇长", "农业产业和林业生态", "section", 1,
     ["农业农村", "生态环保"], True, False, "产业结构调整"),
    ("白石乡", "副乡长", "文化旅游和生态保护", "section", 1,
     ["文化旅游", "生态环保"], False, False, "乡村旅游起步"),
    ("城关镇", "副镇长", "城镇建设和征拆安置", "section", 1,
     ["城乡规划", "征地拆迁"], False, True, "老城改造"),
    ("县科学技术局", "副局长", "科技服务和农业科技推广", "any", 1,
     ["科技服务", "农业农村"], False, False, "科技特派员工作"),
    ("县水利局", "副局长", "水利工程建设和防汛", "any", 1,
     ["水利", "应急管理", "项目建设"], False, True, "水利项目集中开工"),
]  # fmt: skip


def seed_posts(units: dict[str, Unit], specialties: dict[str, Specialty]) -> dict[tuple[str, str], Post]:
    posts = {}
    for unit, title, portfolio, level, quota, skills, strong, broad, reason in POSTS:
        post, created = Post.objects.get_or_create(
            unit=units[unit],
            title=title,
            defaults={
                "portfolio": portfolio,
                "expected_level": level,
                "quota": quota,
                "strong_team": strong,
                "broad_scope": broad,
                "reason": reason,
            },
        )
        if created:
            post.specialties.set([specialties[s] for s in skills])
        posts[(unit, title)] = post
    return posts


@dataclass
class DemoTerm:
    """One cadre's secondment in the demo: where it stands and how it got there."""

    cadre: str
    batch: str
    start_days_ago: int
    months: int
    state: str
    post: tuple[str, str] | None = None
    reported_after: int = 3
    moved_to: tuple[str, str] | None = None
    end_reason: str = ""
    # Days from today to the planned end, where the dashboard needs a term ending (or past its end).
    ends_in: int | None = None


DEMO_TERMS = [
    # an earlier batch, finished
    DemoTerm("郭春梅", "2022年省派第一批", 1400, 24, "completed", ("县卫生健康局", "副局长")),
    DemoTerm("谢宏伟", "2022年省派第一批", 1400, 24, "completed", ("县发展和改革局", "副局长")),
    DemoTerm("梁文涛", "2023年市派第一批", 1000, 12, "completed", ("县教育局", "局长助理")),
    DemoTerm("邓超", "2023年市派第一批", 1000, 24, "ended_early", ("县商务局", "局长助理"),
             end_reason="原单位工作需要，提前召回"),
    # the batch ending now: two in their end-of-term review, others ending soon
    DemoTerm("张国华", "2024年省派第二批", 700, 24, "under_review", ("县财政局", "副局长")),
    DemoTerm("刘建军", "2024年省派第二批", 700, 24, "under_review", ("县林业局", "副局长")),
    DemoTerm("胡俊杰", "2024年省派第二批", 700, 24, "in_post", ("县交通运输局", "副局长"), ends_in=25),
    DemoTerm("彭丽华", "2024年省派第二批", 690, 24, "in_post", ("县水利局", "副局长"), ends_in=60),
    # in post
    DemoTerm("李明轩", "2025年省派第一批", 330, 24, "in_post", ("县人民政府", "县长助理")),
    DemoTerm("王静怡", "2025年省派第一批", 330, 24, "in_post", ("县人民政府", "副县长")),
    DemoTerm("杨志强", "2025年省派第一批", 330, 24, "in_post", ("县农业农村局", "副局长")),
    DemoTerm("马晓东", "2025年省派第一批", 330, 24, "in_post", ("县财政局", "副局长")),
    DemoTerm("罗晓峰", "2025年省派第一批", 330, 24, "in_post", ("青山镇", "党委副书记"),
             moved_to=("县工业园区管委会", "副主任")),
    # a one-year term that has run past its end with no review started
    DemoTerm("徐振华", "2025年省派第一批", 380, 12, "in_post", ("县科学技术局", "副局长"), ends_in=-15),
    DemoTerm("郑雪梅", "2025年市派第一批", 300, 24, "in_post", ("县自然资源局", "副局长")),
    DemoTerm("周文博", "2025年市派第一批", 300, 24, "in_post", ("城关镇", "副镇长")),
    DemoTerm("赵丽娟", "2025年市派第一批", 300, 24, "in_post", ("青山镇", "副镇长")),
    DemoTerm("孙立新", "2025年省派第一批", 320, 24, "in_post", ("县工业园区管委会", "副主任")),
    DemoTerm("韩冬梅", "2025年省派第一批", 320, 24, "ended_early", ("白石乡", "副乡长"),
             end_reason="因病申请提前结束挂职"),
    # reported and waiting for a post; two longer than the threshold
    DemoTerm("林子涵", "2026年省派第三批", 40, 24, "awaiting_post", reported_after=5),
    DemoTerm("陈晓燕", "2026年省派第三批", 40, 24, "awaiting_post", reported_after=8),
    DemoTerm("朱慧敏", "2026年省派第三批", 10, 24, "awaiting_post", reported_after=2),
    DemoTerm("宋佳琪", "2026年省派第三批", 10, 24, "awaiting_post", reported_after=3),
    DemoTerm("何志刚", "2026年市派第二批", 12, 24, "awaiting_post", reported_after=2),
    DemoTerm("冯晓琳", "2026年市派第二批", 12, 24, "awaiting_post", reported_after=4),
    DemoTerm("曹瑞", "2026年省派第三批", 10, 24, "awaiting_post", reported_after=1),
    # registered, not yet arrived
    DemoTerm("黄海涛", "2026年市派第二批", -10, 24, "expected"),
    DemoTerm("吴雅婷", "2026年市派第二批", -10, 24, "expected"),
    DemoTerm("高玉兰", "2026年市派第二批", -20, 12, "expected"),
    DemoTerm("唐国庆", "2026年省派第三批", -15, 24, "expected"),
]  # fmt: skip


# How far the demo's end-of-term reviews have gone; completed terms have archived ones.
REVIEW_STEPS = {"张国华": "summary", "刘建军": "fed_back"}


def seed_secondments(
    cadres: dict[str, Cadre], posts: dict[tuple[str, str], Post], actor
) -> dict[str, Secondment]:
    """Walk each demo term through the real services, up to the state it should be in."""
    today = timezone.localdate()
    # A batch is named after the year its first cadre arrived (the terms are dated back from today).
    batch_labels: dict[str, str] = {}
    for term in DEMO_TERMS:
        first_year = (today - datetime.timedelta(days=term.start_days_ago)).year
        batch_labels.setdefault(term.batch, f"{first_year}{term.batch[4:]}")
    made = {}
    for term in DEMO_TERMS:
        cadre = cadres[term.cadre]
        start = today - datetime.timedelta(days=term.start_days_ago)
        existing = Secondment.objects.filter(cadre=cadre, term_start=start).first() or (
            Secondment.objects.filter(cadre=cadre).order_by("-term_start").first()
        )
        if existing is not None:
            made[term.cadre] = existing
            continue
        end = term_end(start, term.months)
        if term.state == "under_review":
            end = today + datetime.timedelta(days=45)
        if term.ends_in is not None:
            end = today + datetime.timedelta(days=term.ends_in)
        secondment = assignment_services.register_secondment(
            cadre=cadre,
            sending_unit=cadre.home_unit,
            term_start=start,
            term_end=end,
            batch=batch_labels[term.batch],
            appointment_document=f"{batch_labels[term.batch][:4]}〔{10 + len(made)}〕号",
            sending_unit_recommendations="请安排到任务重、工作面宽的岗位上压担子、强锻炼。",
            actor=actor,
        )
        made[term.cadre] = secondment
        if term.state == "expected":
            continue
        reported = start + datetime.timedelta(days=term.reported_after)
        assignment_services.report_arrival(secondment=secondment, reported_on=reported, actor=actor)
        if term.state == "awaiting_post":
            continue
        assignment_services.assign(
            secondment=secondment,
            post=posts[term.post],
            start_date=reported + datetime.timedelta(days=5),
            actor=actor,
        )
        if term.moved_to:
            assignment_services.reassign(
                secondment=secondment,
                post=posts[term.moved_to],
                start_date=reported + datetime.timedelta(days=120),
                note="工作需要，调整分管园区招商",
                actor=actor,
            )
        if term.state == "ended_early":
            assignment_services.end_early(
                secondment=secondment,
                end_date=min(today, reported + datetime.timedelta(days=200)),
                reason=term.end_reason,
                actor=actor,
            )
        elif term.state in ("under_review", "completed"):
            step = "archived" if term.state == "completed" else REVIEW_STEPS.get(term.cadre, "started")
            demo_appraisals.review_term(secondment, step=step, end=end, staff=actor)
    return made


# The cadre nobody looks after: no talk since arrival, no mentor, no training plan (两不管).
NEGLECTED = "孙立新"

# cadre, days ago the talk was, talker, role, thinking, work, living, what was done, follow-up, due in days
ROUTINE_TALKS = {
    "赵丽娟": (40, "青山镇党委书记 周海燕", TalkerRole.RECEIVING_LEADER, "", "分管农业产业工作进展顺利",
              "周转房热水器损坏，冬季洗浴不便", "已联系镇政府办", "协调更换周转房热水器", -10),
    "马晓东": (30, "县财政局局长 王志刚", TalkerRole.RECEIVING_LEADER, "", "希望参与政府债务化解专班",
              "", "安排进入债务化解专班", "", None),
    "李明轩": (25, "省交通运输厅人事处", TalkerRole.SENDING_UNIT, "工作状态良好", "招商项目储备不足",
              "", "派出单位将协调省厅项目资源", "", None),
}  # fmt: skip


def _talk(secondment, day, talker, role, actor, kind=TalkKind.ROUTINE, **fields):
    return assignment_services.record_talk(
        secondment=secondment, date=day, kind=kind, talker=talker, talker_role=role, actor=actor, **fields
    )


def seed_care(secondments: dict[str, Secondment], actor) -> None:
    """Talks, mentors, training plans and leave, through the services, so that the dashboard shows
    every kind of alert with the right cadre behind it. Each part runs only once per secondment."""
    today = timezone.localdate()
    users = {user.username: user for user in get_user_model().objects.filter(username__startswith="ld_")}
    for name, secondment in secondments.items():
        secondment.refresh_from_db()
        if secondment.status not in SERVING_STATUSES or secondment.reported_on is None:
            continue
        reported = secondment.reported_on
        if not secondment.talks.exists():
            _talk(
                secondment,
                reported + datetime.timedelta(days=2),
                "县委组织部干部科 李明华",
                TalkerRole.ORG_DEPARTMENT,
                actor,
                kind=TalkKind.ARRIVAL,
                issues_thinking="对挂职锻炼认识到位，希望多压担子",
                issues_living="住宿已安排在县委周转房",
                actions_taken="介绍县情和挂职干部管理规定，明确请销假要求",
            )
            if name != NEGLECTED:
                mentor = f"{secondment.current_unit.name}主要负责同志"
                days, talker, role, thinking, work, living, done, follow_up, due = ROUTINE_TALKS.get(
                    name,
                    (20 + len(name) * 7, mentor, TalkerRole.MENTOR, "思想稳定", "分管工作推进正常",
                     "", "肯定成绩，提出下一步要求", "", None),
                )  # fmt: skip
                day = today - datetime.timedelta(days=days)
                _talk(
                    secondment,
                    day,
                    talker,
                    role,
                    actor,
                    issues_thinking=thinking,
                    issues_work=work,
                    issues_living=living,
                    actions_taken=done,
                    follow_up=follow_up,
                    follow_up_due=today + datetime.timedelta(days=due) if due is not None else None,
                )
        if name == NEGLECTED:
            continue
        if not secondment.mentor:
            assignment_services.name_mentor(
                secondment=secondment,
                mentor=f"{secondment.current_unit.name}主要负责同志",
                named_on=reported + datetime.timedelta(days=10),
                actor=actor,
            )
        if secondment.training_plan_filed_on is None:
            assignment_services.file_training_plan(
                secondment=secondment,
                text="一、锻炼目标：熟悉县域经济社会发展全局，提升统筹协调和解决复杂问题的能力。\n"
                "二、工作安排：协助分管领域重点工作，牵头至少一个重点项目。\n"
                "三、培养措施：帮带领导每季度谈心一次，参加县委、县政府重要会议。",
                filed_on=reported + datetime.timedelta(days=20),
                actor=actor,
            )
    _seed_leave(secondments, actor, users, today)


def _seed_leave(secondments: dict[str, Secondment], actor, users: dict, today: datetime.date) -> None:
    def days(n: int) -> datetime.date:
        return today + datetime.timedelta(days=n)

    overstayed = secondments["马晓东"]
    if not overstayed.leaves.exists():
        leave = assignment_services.request_leave(
            secondment=overstayed, kind=LeaveKind.PERSONAL, start_date=days(-12), end_date=days(-8),
            reason="家中老人住院，回长沙照料", actor=actor,
        )  # fmt: skip
        assignment_services.approve_leave(leave=leave, actor=actor, note="同意，返岗后及时销假")
    back_on_time = secondments["李明轩"]
    if not back_on_time.leaves.exists():
        leader = users.get("ld_zhengfu", actor)
        leave = assignment_services.request_leave(
            secondment=back_on_time, kind=LeaveKind.ANNUAL, start_date=days(-60), end_date=days(-58),
            reason="年休假", actor=leader,
        )  # fmt: skip
        assignment_services.approve_leave(leave=leave, actor=leader)
        assignment_services.report_back(leave=leave, reported_back_on=days(-57), actor=leader)
    away_now = secondments["杨志强"]
    if not away_now.leaves.exists():
        leave = assignment_services.request_leave(
            secondment=away_now, kind=LeaveKind.ANNUAL, start_date=days(-2), end_date=days(2),
            reason="年休假，回长沙家中", actor=actor,
        )  # fmt: skip
        assignment_services.approve_leave(leave=leave, actor=actor)
    waiting_for_unit = secondments["王静怡"]
    if not waiting_for_unit.leaves.exists():
        assignment_services.request_leave(
            secondment=waiting_for_unit, kind=LeaveKind.SICK, start_date=days(3), end_date=days(4),
            reason="门诊手术后休息", actor=users.get("ld_zhengfu", actor),
        )  # fmt: skip
    waiting_for_sender = secondments["刘建军"]
    if not waiting_for_sender.leaves.exists():
        assignment_services.request_leave(
            secondment=waiting_for_sender, kind=LeaveKind.FAMILY_VISIT, start_date=days(10),
            end_date=days(19), reason="探望在外地工作的配偶", actor=actor,
        )  # fmt: skip


def seed() -> dict:
    """Load the demo data; returns what was made, for the later parts and the printout."""
    units = seed_units()
    specialties = seed_specialties()
    cadres = seed_cadres(units, specialties)
    logins = seed_users(units)
    demo_people.seed_unit_people(units, DEMO_PASSWORD)
    staff = get_user_model().objects.get(username="zuzhibu")
    posts = seed_posts(units, specialties)
    secondments = seed_secondments(cadres, posts, staff)
    seed_care(secondments, staff)
    demo_living.seed_living(secondments, staff)
    logins += demo_accounts.seed_cadre_logins(cadres, staff, DEMO_PASSWORD)
    demo_worklog.seed_worklog()
    demo_radar.seed_radar(secondments, staff)
    appraisal_round = demo_appraisals.seed_round(staff)
    demo_appraisals.seed_late_round(staff)
    demo_appraisals.seed_due_round(staff)
    demo_selection.seed_selection(staff, demo_id_number)
    return {
        "units": units,
        "specialties": specialties,
        "cadres": cadres,
        "logins": logins,
        "posts": posts,
        "secondments": secondments,
        "appraisal_round": appraisal_round,
    }
