"""Demo cadres with their own logins (the cadre role); others are left for staff to give one."""

from django.contrib.auth import get_user_model

from cadres import services
from cadres.models import Cadre

# (login, cadre): one in post, one in their end-of-term review (who writes their 个人总结).
DEMO_CADRE_LOGINS = [("gb_maxiaodong", "马晓东"), ("gb_zhangguohua", "张国华")]


def seed_cadre_logins(cadres: dict[str, Cadre], actor, password: str) -> list[tuple[str, str, str]]:
    """Give the demo cadres their logins through the service (once); the rows the printout lists."""
    logins = []
    taken = set(get_user_model().objects.values_list("username", flat=True))
    for username, name in DEMO_CADRE_LOGINS:
        cadre = cadres[name]
        cadre.refresh_from_db()
        if cadre.account_id is None and username not in taken:
            services.give_account(cadre=cadre, username=username, password=password, actor=actor)
        logins.append((username, "cadre", name))
    return logins
