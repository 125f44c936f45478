"""The work record in the administration: read and searched here, written on the record pages.

A monthly record is filed and commented on its secondment's page, so its filer, its month and its
comment stay the cadre's and the unit's; a project is corrected here through the same service as on
the page."""

from django.contrib import admin

from assignments.admin import VisibleSecondmentsMixin, secondment_page_link
from guazhi.admin import ReadableHistoryAdmin, SavesThroughServicesMixin

from . import services
from .models import MonthlyRecord, Project

PROJECT_FIELDS = ("name", "kind", "role", "stage", "started_on", "result")


@admin.register(Project)
class ProjectAdmin(SavesThroughServicesMixin, VisibleSecondmentsMixin, ReadableHistoryAdmin):
    list_display = ["name", "secondment", "kind", "role", "stage", "started_on"]
    list_filter = ["kind", "role"]
    search_fields = ["name", "secondment__cadre__name"]
    list_select_related = ["secondment__cadre"]
    fields = ["secondment", *PROJECT_FIELDS, secondment_page_link]
    readonly_fields = ["secondment", secondment_page_link]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Monthly records name their projects; a project is corrected, not removed.
        return False

    def save_model(self, request, obj, form, change):
        services.update_project(
            project=obj, actor=request.user, **{name: form.cleaned_data[name] for name in PROJECT_FIELDS}
        )


@admin.register(MonthlyRecord)
class MonthlyRecordAdmin(VisibleSecondmentsMixin, ReadableHistoryAdmin):
    list_display = ["secondment", "month", "on_behalf", "filed_at", "commented_at"]
    list_filter = ["on_behalf", ("commented_at", admin.EmptyFieldListFilter), "month"]
    search_fields = ["secondment__cadre__name", "work_done"]
    list_select_related = ["secondment__cadre"]
    date_hierarchy = "month"
    readonly_fields = [
        "secondment",
        "month",
        "work_done",
        "projects",
        "problems",
        "next_plan",
        "filed_by",
        "on_behalf",
        "filed_at",
        "comment",
        "commented_by",
        "commented_at",
        secondment_page_link,
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing only: the record and its comment are written on the record pages.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
