from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Appraisal, AppraisalRound, TermReview
from .selectors import appraisals_visible_to, reviews_visible_to, rounds_visible_to


@admin.register(AppraisalRound)
class AppraisalRoundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "period_start", "period_end", "due_date", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    readonly_fields = ["status", "opened_by", "opened_at", "closed_by", "closed_at"]

    def get_queryset(self, request):
        return super().get_queryset(request) & rounds_visible_to(request.user)


@admin.register(Appraisal)
class AppraisalAdmin(SimpleHistoryAdmin):
    list_display = ["secondment", "round", "kind", "unit", "status", "grade", "due_date"]
    list_filter = ["status", "kind", "grade", "round"]
    search_fields = ["secondment__cadre__name", "secondment__cadre__name_pinyin", "unit__name"]
    list_select_related = ["secondment__cadre", "round", "unit"]
    # Whose appraisal it is and whose queue it is in are set by the round or the review that made it.
    readonly_fields = [
        "secondment",
        "kind",
        "unit",
        "status",
        "round",
        "filed_by",
        "filed_at",
        "reviewed_by",
        "reviewed_at",
    ]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=appraisals_visible_to(request.user).values("pk"))


@admin.register(TermReview)
class TermReviewAdmin(SimpleHistoryAdmin):
    list_display = ["secondment", "status", "final_grade", "fed_back_on", "archived_on"]
    list_filter = ["status", "final_grade"]
    search_fields = ["secondment__cadre__name", "secondment__cadre__name_pinyin"]
    list_select_related = ["secondment__cadre"]
    readonly_fields = ["status", "secondment", "appraisal", "attendance_snapshot", "started_by", "started_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=reviews_visible_to(request.user).values("pk"))

    def has_change_permission(self, request, obj=None):
        # An archived review is part of the personnel file: read-only, even here.
        if obj is not None and obj.is_archived:
            return False
        return super().has_change_permission(request, obj)
