from django.urls import path

from .views import matching, posts, roster, secondments

app_name = "assignments"

urlpatterns = [
    path("", secondments.secondment_list, name="secondment_list"),
    path("waiting/", secondments.waiting_list, name="waiting_list"),
    path("register/", secondments.secondment_register, name="secondment_register"),
    path("<int:pk>/", secondments.secondment_detail, name="secondment_detail"),
    path("<int:pk>/edit/", secondments.secondment_edit, name="secondment_edit"),
    path("<int:pk>/report/", secondments.secondment_report, name="secondment_report"),
    path("<int:pk>/reassign/", secondments.secondment_reassign, name="secondment_reassign"),
    path("<int:pk>/extend/", secondments.secondment_extend, name="secondment_extend"),
    path("<int:pk>/end-early/", secondments.secondment_end_early, name="secondment_end_early"),
    path("<int:pk>/start-review/", secondments.secondment_start_review, name="secondment_start_review"),
    path("<int:pk>/checklist/<int:entry_pk>/done/", secondments.checklist_done, name="checklist_done"),
    path("<int:pk>/checklist/<int:entry_pk>/undo/", secondments.checklist_undo, name="checklist_undo"),
    path("<int:pk>/suggestions/", matching.suggestions, name="suggestions"),
    path("<int:pk>/assign/", matching.secondment_assign, name="secondment_assign"),
    path("plan/", matching.batch_plan, name="batch_plan"),
    path("plan/accept/", matching.batch_plan_accept, name="batch_plan_accept"),
    path("posts/", posts.post_list, name="post_list"),
    path("posts/new/", posts.post_create, name="post_create"),
    path("posts/<int:pk>/", posts.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("posts/<int:pk>/withdraw/", posts.post_withdraw, name="post_withdraw"),
    path("posts/<int:pk>/reopen/", posts.post_reopen, name="post_reopen"),
    path("roster/import/", roster.roster_import, name="roster_import"),
    path("roster/import/<slug:token>/", roster.roster_preview, name="roster_preview"),
    path("roster/import/<slug:token>/confirm/", roster.roster_confirm, name="roster_confirm"),
    path("roster/import/<slug:token>/cancel/", roster.roster_cancel, name="roster_cancel"),
    path("roster/import/<slug:token>/problems.xlsx", roster.roster_errors, name="roster_errors"),
    path("roster/template.xlsx", roster.roster_template, name="roster_template"),
    path("roster/export.xlsx", roster.roster_export, name="roster_export"),
]
