"""Someone answerable in every demo unit: a leader for each receiving unit with a post, a liaison for
each sending unit. The named logins of ``demo.DEMO_USERS`` cover a few; this gives the rest theirs,
so that no cadre of the demo is in a unit nobody can act for (两不管)."""

from django.contrib.auth import get_user_model

from cadres.choices import MembershipRole
from cadres.models import Unit, UnitMembership

# unit: (login, family name, given name)
LEADERS = {
    "县林业局": ("ld_linye", "孙", "建国"),
    "县发展和改革局": ("ld_fagai", "吴", "卫东"),
    "县交通运输局": ("ld_jiaotong", "郑", "永强"),
    "县卫生健康局": ("ld_weijian", "冯", "春华"),
    "县农业农村局": ("ld_nongye", "褚", "国平"),
    "县商务局": ("ld_shangwu", "卫", "晓光"),
    "县教育局": ("ld_jiaoyu", "蒋", "文静"),
    "县自然资源局": ("ld_ziran", "沈", "建华"),
    "县工业园区管委会": ("ld_yuanqu", "韩", "振宇"),
    "白石乡": ("ld_baishi", "杨", "秀英"),
    "城关镇": ("ld_chengguan", "朱", "卫民"),
    "县科学技术局": ("ld_keji", "秦", "晓东"),
    "县水利局": ("ld_shuili", "尤", "德明"),
}
LIAISONS = {
    "省交通运输厅": ("ll_jiaotong", "许", "丽萍"),
    "省发展和改革委员会": ("ll_fagai", "何", "雪松"),
    "省卫生健康委员会": ("ll_weijian", "吕", "红梅"),
    "省农业农村厅": ("ll_nongye", "施", "国栋"),
    "市财政局": ("ll_shicaizheng", "张", "丽娜"),
    "市商务局": ("ll_shishangwu", "孔", "德胜"),
    "市自然资源和规划局": ("ll_shiziran", "曹", "文华"),
    "市教育局": ("ll_shijiaoyu", "严", "玉梅"),
    "省农业科学院": ("ll_nongkeyuan", "华", "志远"),
    "省交通投资集团有限公司": ("ll_jiaotou", "金", "海波"),
}


def seed_unit_people(units: dict[str, Unit], password: str) -> None:
    """Give every demo unit without a leader (receiving) or liaison (sending) one; nothing twice."""
    User = get_user_model()
    for people, role in ((LEADERS, MembershipRole.LEADER), (LIAISONS, MembershipRole.LIAISON)):
        for unit_name, (username, last, first) in people.items():
            unit = units[unit_name]
            if UnitMembership.objects.filter(unit=unit, role=role).exists():
                continue
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(password)
                user.save()
            UnitMembership.objects.get_or_create(user=user, unit=unit, role=role)
