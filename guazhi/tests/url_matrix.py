"""Every URL × every persona: what each may see.

A URL added to the project without a row here fails
``test_every_url_has_a_row_in_the_matrix``. Rows name the URL, how to build
its arguments from the test world, and the expected status for each persona;
``LOGIN`` means a redirect to the login page.
"""

LOGIN = "login"
ALL_MEMBERS_200 = {"officer": 200, "leader_a": 200, "leader_b": 200, "liaison": 200}
STAFF_ONLY = {"anonymous": LOGIN, "officer": 200, "leader_a": 404, "leader_b": 404, "liaison": 404}


def row(expect: dict, args=lambda world: []):
    return {"args": args, "expect": expect}


MATRIX = {
    "home": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "login": row({"anonymous": 200, "officer": 302, "leader_a": 302, "leader_b": 302, "liaison": 302}),
    "logout": row({"anonymous": 405, "officer": 405, "leader_a": 405, "leader_b": 405, "liaison": 405}),
    "password_change": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "password_change_done": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "set_language": row({"anonymous": 302, "officer": 302, "leader_a": 302, "leader_b": 302, "liaison": 302}),
    "cadres:cadre_list": row(STAFF_ONLY),
    "cadres:cadre_create": row(STAFF_ONLY),
    "cadres:cadre_detail": row(
        {"anonymous": LOGIN, "officer": 200, "leader_a": 404, "leader_b": 404, "liaison": 404},
        lambda world: [world["cadre"].pk],
    ),
    "cadres:cadre_edit": row(STAFF_ONLY, lambda world: [world["cadre"].pk]),
    "cadres:unit_list": row(STAFF_ONLY),
    "cadres:unit_create": row(STAFF_ONLY),
    "cadres:unit_detail": row(
        {"anonymous": LOGIN, "officer": 200, "leader_a": 200, "leader_b": 404, "liaison": 404},
        lambda world: [world["unit_a"].pk],
    ),
    "cadres:unit_edit": row(STAFF_ONLY, lambda world: [world["unit_a"].pk]),
}
