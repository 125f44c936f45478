"""Every URL × every persona: what each may see.

A URL added to the project without a row here fails
``test_every_url_has_a_row_in_the_matrix``. Rows name the URL, how to build
its arguments from the test world, and the expected status for each persona;
``LOGIN`` means a redirect to the login page.
"""

from urllib.parse import urlencode

LOGIN = "login"
ALL_MEMBERS_200 = {"officer": 200, "leader_a": 200, "leader_b": 200, "liaison": 200}
STAFF_ONLY = {"anonymous": LOGIN, "officer": 200, "leader_a": 404, "leader_b": 404, "liaison": 404}
# Staff-only endpoints that change state answer GET with 405 (they take POST only).
STAFF_POST_ONLY = {**STAFF_ONLY, "officer": 405}
# A secondment in post in unit A, sent by the liaison's unit.
SEEN_BY_A_AND_SENDER = {"anonymous": LOGIN, "officer": 200, "leader_a": 200, "leader_b": 404, "liaison": 200}
# An appraisal or review of a cadre in unit A that the sending unit may not read yet
# (not confirmed, not fed back).
SEEN_BY_A = {"anonymous": LOGIN, "officer": 200, "leader_a": 200, "leader_b": 404, "liaison": 404}
# A review step that is not open at the review's current step sends staff back to the review.
STAFF_STEP_NOT_OPEN = {**STAFF_ONLY, "officer": 302}
# Staff act; the others who see the secondment are refused (403), the rest do not see it (404).
STAFF_ACT_ON_PLACED = {"anonymous": LOGIN, "officer": 200, "leader_a": 403, "leader_b": 404, "liaison": 403}
# Staff and the receiving unit's leader act; the sending unit's liaison only reads.
HOSTS_ACT_ON_PLACED = {"anonymous": LOGIN, "officer": 200, "leader_a": 200, "leader_b": 404, "liaison": 403}
# POST-only endpoints open to unit members: a GET is refused before anything is looked up.
MEMBER_POST_ONLY = {"anonymous": LOGIN, "officer": 405, "leader_a": 405, "leader_b": 405, "liaison": 405}


# An uploaded roster lives in its uploader's session: any other session, staff
# or not, gets the same 404 as for a token that never existed.
UPLOAD_OF_ANOTHER_SESSION = {
    "anonymous": LOGIN,
    "officer": 404,
    "leader_a": 404,
    "leader_b": 404,
    "liaison": 404,
}


def row(expect: dict, args=lambda world: [], query=lambda world: ""):
    return {"args": args, "expect": expect, "query": query}


def placed(world):
    return [world["placed_in_a"].pk]


def waiting(world):
    return [world["waiting"].pk]


def appraisal(world):
    return [world["appraisal"].pk]


def submitted(world):
    return [world["submitted_appraisal"].pk]


def appraisal_round(world):
    return [world["appraisal_round"].pk]


def review(world):
    return [world["review"].pk]


def review_batch(world):
    return "?" + urlencode({"batch": world["review"].secondment.batch})


def talk(world):
    return [world["placed_in_a"].pk, world["talk"].pk]


def leave(world):
    return [world["placed_in_a"].pk, world["leave"].pk]


def care_visit(world):
    return [world["placed_in_a"].pk, world["care_visit"].pk]


def unit_a_leader(world):
    membership = world["unit_a"].memberships.get(role="leader")
    return [world["unit_a"].pk, membership.pk]


def upload_token(world):
    return ["an-upload-of-someone-else"]


MATRIX = {
    "home": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "login": row({"anonymous": 200, "officer": 302, "leader_a": 302, "leader_b": 302, "liaison": 302}),
    "logout": row({"anonymous": 405, "officer": 405, "leader_a": 405, "leader_b": 405, "liaison": 405}),
    "password_change": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "password_change_done": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "set_language": row({"anonymous": 302, "officer": 302, "leader_a": 302, "leader_b": 302, "liaison": 302}),
    "cadres:cadre_list": row(STAFF_ONLY),
    "cadres:cadre_create": row(STAFF_ONLY),
    "cadres:cadre_detail": row(SEEN_BY_A_AND_SENDER, lambda world: [world["cadre"].pk]),
    "cadres:cadre_edit": row(STAFF_ONLY, lambda world: [world["cadre"].pk]),
    # The world's cadre has no photograph: 404 for all; who may see one is tested with the photographs.
    "cadres:cadre_photo": row(
        {"anonymous": LOGIN, "officer": 404, "leader_a": 404, "leader_b": 404, "liaison": 404},
        lambda world: [world["cadre"].pk],
    ),
    "cadres:cadre_lrmx": row(STAFF_ONLY, lambda world: [world["cadre"].pk]),
    "cadres:cadre_approval_form": row(STAFF_ONLY, lambda world: [world["cadre"].pk]),
    "cadres:cadre_approval_print": row(STAFF_ONLY, lambda world: [world["cadre"].pk]),
    "cadres:pending_photo": row(UPLOAD_OF_ANOTHER_SESSION, lambda world: ["no-such-token"]),
    # The world's cadre has a login already: staff are sent back to the cadre's page.
    "cadres:cadre_account": row({**STAFF_ONLY, "officer": 302}, lambda world: [world["cadre"].pk]),
    "cadres:unit_list": row(STAFF_ONLY),
    "cadres:unit_create": row(STAFF_ONLY),
    "cadres:unit_detail": row(
        {"anonymous": LOGIN, "officer": 200, "leader_a": 200, "leader_b": 404, "liaison": 404},
        lambda world: [world["unit_a"].pk],
    ),
    "cadres:unit_edit": row(STAFF_ONLY, lambda world: [world["unit_a"].pk]),
    "cadres:unit_person_add": row(STAFF_ONLY, lambda world: [world["unit_a"].pk]),
    "cadres:unit_person_end": row(STAFF_ONLY, unit_a_leader),
    "cadres:unit_person_password": row(STAFF_ONLY, unit_a_leader),
    "cadres:unit_person_deactivate": row(STAFF_ONLY, unit_a_leader),
    "assignments:secondment_list": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "assignments:waiting_list": row(STAFF_ONLY),
    "assignments:secondment_register": row(STAFF_ONLY),
    "assignments:secondment_detail": row(SEEN_BY_A_AND_SENDER, placed),
    "assignments:secondment_edit": row(STAFF_ONLY, placed),
    "assignments:secondment_report": row(STAFF_ONLY, placed),
    "assignments:secondment_reassign": row(STAFF_ONLY, placed),
    "assignments:secondment_extend": row(STAFF_ONLY, placed),
    "assignments:secondment_end_early": row(STAFF_ONLY, placed),
    "assignments:checklist_done": row(
        STAFF_POST_ONLY, lambda world: [world["placed_in_a"].pk, world["placed_in_a"].checklist.first().pk]
    ),
    "assignments:checklist_undo": row(
        STAFF_POST_ONLY, lambda world: [world["placed_in_a"].pk, world["placed_in_a"].checklist.first().pk]
    ),
    "assignments:talk_create": row(SEEN_BY_A_AND_SENDER, placed),
    "assignments:follow_up_done": row(MEMBER_POST_ONLY, talk),
    "assignments:mentor_edit": row(STAFF_ACT_ON_PLACED, placed),
    "assignments:training_plan_edit": row(HOSTS_ACT_ON_PLACED, placed),
    "assignments:training_plan_approve": row(MEMBER_POST_ONLY, placed),
    "assignments:training_plan_return": row(STAFF_ACT_ON_PLACED, placed),
    "assignments:training_plan_download": row(SEEN_BY_A_AND_SENDER, placed),
    "assignments:leave_create": row(HOSTS_ACT_ON_PLACED, placed),
    # The world's leave is three days: the receiving unit's tier.
    "assignments:leave_decide": row(HOSTS_ACT_ON_PLACED, leave),
    "assignments:leave_outside_decision": row(STAFF_ACT_ON_PLACED, leave),
    "assignments:leave_report_back": row(MEMBER_POST_ONLY, leave),
    "assignments:leave_cancel": row(MEMBER_POST_ONLY, leave),
    "worklog:record_list": row(SEEN_BY_A_AND_SENDER, placed),
    "worklog:record_file": row(STAFF_ACT_ON_PLACED, placed),
    "worklog:project_add": row(STAFF_ACT_ON_PLACED, placed),
    "worklog:project_edit": row(
        STAFF_ACT_ON_PLACED, lambda world: [world["placed_in_a"].pk, world["project"].pk]
    ),
    "worklog:record_comment": row(
        HOSTS_ACT_ON_PLACED, lambda world: [world["placed_in_a"].pk, world["record"].pk]
    ),
    # 生活保障: staff and the receiving unit's leaders record; the sending unit's liaison reads.
    "living:life_support_edit": row(HOSTS_ACT_ON_PLACED, placed),
    "living:visit_create": row(HOSTS_ACT_ON_PLACED, placed),
    "living:visit_edit": row(HOSTS_ACT_ON_PLACED, care_visit),
    "living:visit_delete": row(MEMBER_POST_ONLY, care_visit),
    "oversight:watch_list": row({"anonymous": LOGIN, **ALL_MEMBERS_200}, lambda world: ["no_talk"]),
    "assignments:suggestions": row(STAFF_ONLY, waiting),
    "assignments:secondment_assign": row(STAFF_ONLY, waiting, lambda world: f"?post={world['post'].pk}"),
    "assignments:batch_plan": row(STAFF_ONLY),
    "assignments:batch_plan_accept": row(STAFF_POST_ONLY),
    "oversight:summary": row(STAFF_ONLY),
    "oversight:summary_docx": row(STAFF_ONLY),
    "oversight:summary_xlsx": row(STAFF_ONLY),
    "assignments:post_list": row(STAFF_ONLY),
    "assignments:post_create": row(STAFF_ONLY),
    "assignments:post_detail": row(STAFF_ONLY, lambda world: [world["post"].pk]),
    "assignments:post_edit": row(STAFF_ONLY, lambda world: [world["post"].pk]),
    "assignments:post_withdraw": row(STAFF_POST_ONLY, lambda world: [world["post"].pk]),
    "assignments:post_reopen": row(STAFF_POST_ONLY, lambda world: [world["post"].pk]),
    "evaluations:appraisal_list": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "evaluations:my_appraisals": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "evaluations:appraisal_detail": row(SEEN_BY_A, appraisal),
    "evaluations:appraisal_file": row(SEEN_BY_A, appraisal),
    "evaluations:appraisal_confirm": row(STAFF_POST_ONLY, submitted),
    "evaluations:appraisal_return": row(STAFF_ONLY, submitted),
    "evaluations:round_list": row(STAFF_ONLY),
    "evaluations:round_create": row(STAFF_ONLY),
    "evaluations:round_detail": row(STAFF_ONLY, appraisal_round),
    "evaluations:round_extend": row(STAFF_POST_ONLY, appraisal_round),
    "evaluations:round_close": row(STAFF_ONLY, appraisal_round),
    "evaluations:review_list": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "evaluations:review_start": row(STAFF_POST_ONLY, placed),
    "evaluations:review_detail": row(SEEN_BY_A, review),
    "evaluations:review_self_summary": row(STAFF_ONLY, review),
    "evaluations:review_summary_file": row(SEEN_BY_A, review),
    # Only the cadre under review writes here; the world's review is another cadre's.
    "evaluations:my_self_summary": row(
        {"anonymous": LOGIN, "officer": 404, "leader_a": 404, "leader_b": 404, "liaison": 404}, review
    ),
    "evaluations:review_rating": row(STAFF_ONLY, review),
    "evaluations:review_opinion": row(STAFF_STEP_NOT_OPEN, review),
    "evaluations:review_feedback": row(STAFF_STEP_NOT_OPEN, review),
    "evaluations:review_archive": row(STAFF_STEP_NOT_OPEN, review),
    "evaluations:exit_step_done": row(
        STAFF_POST_ONLY, lambda world: [world["review"].pk, world["review"].exit_checklist.first().pk]
    ),
    "evaluations:exit_step_undo": row(
        STAFF_POST_ONLY, lambda world: [world["review"].pk, world["review"].exit_checklist.first().pk]
    ),
    # The world's review is not fed back yet: there is no letter for anyone.
    "evaluations:feedback_letter": row(
        {"anonymous": LOGIN, "officer": 404, "leader_a": 404, "leader_b": 404, "liaison": 404}, review
    ),
    "evaluations:feedback_acknowledge": row(MEMBER_POST_ONLY, review),
    "evaluations:review_print": row(SEEN_BY_A, review),
    "evaluations:review_download": row(SEEN_BY_A, review),
    "evaluations:review_forms": row(STAFF_ONLY, query=review_batch),
    "evaluations:review_forms_download": row(STAFF_ONLY, query=review_batch),
    "assignments:roster_import": row(STAFF_ONLY),
    "assignments:roster_preview": row(UPLOAD_OF_ANOTHER_SESSION, upload_token),
    "assignments:roster_confirm": row(STAFF_POST_ONLY, upload_token),
    "assignments:roster_cancel": row(STAFF_POST_ONLY, upload_token),
    "assignments:roster_errors": row(UPLOAD_OF_ANOTHER_SESSION, upload_token),
    "assignments:roster_template": row(STAFF_ONLY),
    "assignments:roster_export": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    # Selection before arrival: a published cycle addressed to every sending unit, with a need of
    # unit A and the liaison's unit's nomination for it.
    "selection:cycle_list": row({"anonymous": LOGIN, **ALL_MEMBERS_200}),
    "selection:cycle_create": row(STAFF_ONLY),
    "selection:cycle_detail": row(SEEN_BY_A_AND_SENDER, lambda world: [world["selection_need"].cycle_id]),
    "selection:need_create": row(STAFF_ONLY, lambda world: [world["selection_need"].cycle_id]),
    "selection:cycle_publish": row(STAFF_ONLY, lambda world: [world["selection_need"].cycle_id]),
    "selection:cycle_close": row(STAFF_ONLY, lambda world: [world["selection_need"].cycle_id]),
    "selection:need_detail": row(SEEN_BY_A_AND_SENDER, lambda world: [world["selection_need"].pk]),
    "selection:nominate": row(
        {"anonymous": LOGIN, "officer": 404, "leader_a": 404, "leader_b": 404, "liaison": 200},
        lambda world: [world["selection_need"].pk],
    ),
    "selection:nomination_decide": row(STAFF_POST_ONLY, lambda world: [world["nomination"].pk]),
    "selection:nomination_withdraw": row(MEMBER_POST_ONLY, lambda world: [world["nomination"].pk]),
    "selection:nomination_message": row(MEMBER_POST_ONLY, lambda world: [world["nomination"].pk]),
    "selection:need_message": row(MEMBER_POST_ONLY, lambda world: [world["selection_need"].pk]),
    "selection:nomination_attachment": row(SEEN_BY_A_AND_SENDER, lambda world: [world["nomination"].pk]),
    "selection:nomination_lrmx": row(SEEN_BY_A_AND_SENDER, lambda world: [world["nomination"].pk]),
}


# The cadre in post in unit A, signed in with their own login (``own_cadre``): they see themselves
# and nothing else. Every URL not named here answers them 404, as for something that does not exist.
OWN_CADRE = {
    "home": 200,  # 我的挂职
    "login": 302,
    "logout": 405,
    "password_change": 200,
    "password_change_done": 200,
    "set_language": 302,
    "cadres:cadre_detail": 200,
    "assignments:secondment_detail": 200,
    "assignments:training_plan_download": 200,
    # They request their own leave and keep their own work record (工作纪实).
    "assignments:leave_create": 200,
    "worklog:record_list": 200,
    "worklog:record_file": 200,
    "worklog:project_add": 200,
    "worklog:project_edit": 200,
    "worklog:record_comment": 403,
    # POST-only endpoints refuse a GET before anything is looked up.
    "assignments:follow_up_done": 405,
    "assignments:leave_cancel": 405,
    "assignments:leave_report_back": 405,
    "assignments:training_plan_approve": 405,
    "selection:nomination_message": 405,
    "selection:need_message": 405,
    "selection:nomination_withdraw": 405,
    "evaluations:feedback_acknowledge": 405,
    # Their own term's steps that others take: refused (403), as for anyone who sees the term.
    "assignments:talk_create": 403,
    "assignments:mentor_edit": 403,
    "assignments:training_plan_edit": 403,
    "assignments:training_plan_return": 403,
    "assignments:leave_decide": 403,
    "assignments:leave_outside_decision": 403,
    # They read their life support and care visits on their term's page; others record them.
    "living:life_support_edit": 403,
    "living:visit_create": 403,
    "living:visit_edit": 403,
    "living:visit_delete": 405,
}
