from django.urls import path

from .views import care, leave, matching, posts, reports, secondments, watch

app_name = "assignments"

urlpatterns = [
    path("", secondments.secondment_list, name="secondment_list"),
    path("waiting/", secondments.waiting_list, name="waiting_list"),
    path("watch/<slug:key>/", watch.watch_list, name="watch_list"),
    path("register/", secondments.secondment_register, name="secondment_register"),
    path("<int:pk>/", secondments.secondment_detail, name="secondment_detail"),
    path("<int:pk>/edit/", secondments.secondment_edit, name="secondment_edit"),
    path("<int:pk>/report/", secondments.secondment_report, name="secondment_report"),
    path("<int:pk>/reassign/", secondments.secondment_reassign, name="secondment_reassign"),
    path("<int:pk>/extend/", secondments.secondment_extend, name="secondment_extend"),
    path("<int:pk>/end-early/", secondments.secondment_end_early, name="secondment_end_early"),
    path("<int:pk>/checklist/<int:entry_pk>/done/", secondments.checklist_done, name="checklist_done"),
    path("<int:pk>/checklist/<int:entry_pk>/undo/", secondments.checklist_undo, name="checklist_undo"),
    path("<int:pk>/talks/new/", care.talk_create, name="talk_create"),
    path("<int:pk>/talks/<int:talk_pk>/follow-up-done/", care.follow_up_done, name="follow_up_done"),
    path("<int:pk>/mentor/", care.mentor_edit, name="mentor_edit"),
    path("<int:pk>/training-plan/", care.training_plan_edit, name="training_plan_edit"),
    path("<int:pk>/training-plan/file/", care.training_plan_download, name="training_plan_download"),
    path("<int:pk>/leave/new/", leave.leave_create, name="leave_create"),
    path("<int:pk>/leave/<int:leave_pk>/decide/", leave.leave_decide, name="leave_decide"),
    path(
        "<int:pk>/leave/<int:leave_pk>/outside-decision/",
        leave.leave_outside_decision,
        name="leave_outside_decision",
    ),
    path("<int:pk>/leave/<int:leave_pk>/report-back/", leave.leave_report_back, name="leave_report_back"),
    path("<int:pk>/leave/<int:leave_pk>/cancel/", leave.leave_cancel, name="leave_cancel"),
    path("<int:pk>/suggestions/", matching.suggestions, name="suggestions"),
    path("<int:pk>/assign/", matching.secondment_assign, name="secondment_assign"),
    path("plan/", matching.batch_plan, name="batch_plan"),
    path("plan/accept/", matching.batch_plan_accept, name="batch_plan_accept"),
    path("reports/summary/", reports.summary, name="summary"),
    path("reports/summary.docx", reports.summary_docx, name="summary_docx"),
    path("reports/summary.xlsx", reports.summary_xlsx, name="summary_xlsx"),
    path("posts/", posts.post_list, name="post_list"),
    path("posts/new/", posts.post_create, name="post_create"),
    path("posts/<int:pk>/", posts.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("posts/<int:pk>/withdraw/", posts.post_withdraw, name="post_withdraw"),
    path("posts/<int:pk>/reopen/", posts.post_reopen, name="post_reopen"),
]
