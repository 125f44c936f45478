"""The administration of appraisals: reference and corrections. What the rounds, the appraisals and
the reviews decide step by step (who is appraised, when it is due, the ratings and grades, each step of
the review) is read-only here, with a link to the page whose steps change it; a round's corrections go
through ``edit_round``, so its appraisals stay due when it is."""

from django.contrib import admin

from guazhi.admin import ReadableHistoryAdmin, SavesThroughServicesMixin, page_link

from . import services
from .choices import ASPECTS
from .models import Appraisal, AppraisalRound, ExitChecklistEntry, ExitChecklistItem, TermReview
from .selectors import appraisals_visible_to, reviews_visible_to, rounds_visible_to


@admin.register(AppraisalRound)
class AppraisalRoundAdmin(SavesThroughServicesMixin, ReadableHistoryAdmin):
    list_display = ["title", "kind", "period_start", "period_end", "due_date", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    readonly_fields = ["kind", "status", "opened_by", "opened_at", "closed_by", "closed_at", page_link]

    def has_add_permission(self, request):
        # Opening a round puts one appraisal per eligible cadre in the units' queues: the round page does.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request) & rounds_visible_to(request.user)

    def save_model(self, request, obj, form, change):
        services.edit_round(appraisal_round=obj, actor=request.user, **form.cleaned_data)


@admin.register(Appraisal)
class AppraisalAdmin(ReadableHistoryAdmin):
    list_display = ["secondment", "round", "kind", "unit", "status", "grade", "due_date"]
    list_filter = ["status", "kind", "grade", "round"]
    search_fields = ["secondment__cadre__name", "secondment__cadre__name_pinyin", "unit__name"]
    list_select_related = ["secondment__cadre", "round", "unit"]
    # Whose appraisal it is, whose queue it is in and when it is due are set by the round or the review
    # that made it; the ratings and the grade change only by filing, returning and confirming.
    readonly_fields = [
        "secondment",
        "kind",
        "unit",
        "due_date",
        "status",
        "round",
        *ASPECTS,
        "grade",
        "ungraded_reason",
        "filed_by",
        "filed_at",
        "reviewed_by",
        "reviewed_at",
        "return_reason",
        page_link,
    ]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=appraisals_visible_to(request.user).values("pk"))


@admin.register(TermReview)
class TermReviewAdmin(ReadableHistoryAdmin):
    list_display = ["secondment", "status", "final_grade", "fed_back_on", "archived_on"]
    list_filter = ["status", "final_grade"]
    search_fields = ["secondment__cadre__name", "secondment__cadre__name_pinyin"]
    list_select_related = ["secondment__cadre"]
    # Each step of the review (the self-summary's file, the rating, the opinion and grade, the feedback,
    # the archive) is taken on its page; the texts can be corrected here.
    readonly_fields = [
        "status",
        "secondment",
        "appraisal",
        "self_summary_file",
        "self_summary_filename",
        "self_summary_on",
        *services.RATING_FIELDS,
        "final_grade",
        "reviewed_by",
        "reviewed_on",
        "fed_back_on",
        "acknowledged_on",
        "acknowledged_by",
        "archived_on",
        "attendance_snapshot",
        "open_items_reason",
        "started_by",
        "started_at",
        page_link,
    ]

    def has_add_permission(self, request):
        # A review is started from the secondment page, with its appraisal and its line on the timeline.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=reviews_visible_to(request.user).values("pk"))

    def has_change_permission(self, request, obj=None):
        # An archived review is part of the personnel file: read-only, even here.
        if obj is not None and obj.is_archived:
            return False
        return super().has_change_permission(request, obj)


@admin.register(ExitChecklistItem)
class ExitChecklistItemAdmin(admin.ModelAdmin):
    """The leaving steps (离任手续) each review opens, edited like the intake checklist's."""

    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(ExitChecklistEntry)
class ExitChecklistEntryAdmin(admin.ModelAdmin):
    list_display = ["review", "item", "done_on", "done_by"]
    list_filter = ["item"]
    search_fields = ["review__secondment__cadre__name"]
    list_select_related = ["review__secondment__cadre", "item", "done_by"]
    # Ticking a step writes a line on the timeline: it is done on the review page.
    readonly_fields = ["review", "item", "done_on", "done_by"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(review__in=reviews_visible_to(request.user).values("pk"))
