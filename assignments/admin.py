"""The administration: reference data and corrections. What the workflow decides (a post's unit and
quota, a secondment's state, dates and placements, a leave's decision) is read-only here, with a
link to the page whose service changes it, so no rule is bypassed and every step keeps its timeline."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from guazhi.admin import ReadableHistoryAdmin, SavesThroughServicesMixin, page_link

from . import services
from .models import (
    Assignment,
    ChecklistEntry,
    ChecklistItem,
    Leave,
    Post,
    ReminderLog,
    Secondment,
    SecondmentEvent,
    Talk,
)
from .selectors import posts_visible_to, secondments_visible_to


@admin.display(description=_("where it is changed"))
def secondment_page_link(obj) -> str:
    """For records whose steps are taken on their secondment's page (talks)."""
    return page_link(obj.secondment if obj is not None and obj.pk is not None else None)


class VisibleSecondmentsMixin:
    """Admin lists show what the visibility function lets the user see, like every other page."""

    secondment_path = "secondment"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        visible = secondments_visible_to(request.user).values("pk")
        if self.secondment_path:
            return queryset.filter(**{f"{self.secondment_path}__in": visible})
        return queryset.filter(pk__in=visible)


@admin.register(Post)
class PostAdmin(ReadableHistoryAdmin):
    list_display = ["title", "unit", "expected_level", "quota", "status", "strong_team", "broad_scope"]
    list_filter = ["status", "expected_level", "strong_team", "broad_scope", "unit__tier"]
    search_fields = ["title", "unit__name", "portfolio"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["specialties"]
    list_select_related = ["unit"]

    def get_readonly_fields(self, request, obj=None):
        # A held post keeps its unit and its holders' seats: the post page changes them through edit_post.
        if obj is None:
            return ["status"]
        return ["status", "unit", "quota", page_link]

    def get_queryset(self, request):
        return super().get_queryset(request) & posts_visible_to(request.user)


class AssignmentInline(admin.TabularInline):
    """The placements, as the secondment page's assign and reassign made them."""

    model = Assignment
    extra = 0
    can_delete = False
    fields = readonly_fields = ["post", "title", "start_date", "end_date", "duties"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Secondment)
class SecondmentAdmin(VisibleSecondmentsMixin, ReadableHistoryAdmin):
    secondment_path = ""
    list_display = ["cadre", "sending_unit", "batch", "term_start", "term_end", "status", "current_unit"]
    list_filter = ["status", "sending_unit__tier", "batch"]
    search_fields = ["cadre__name", "cadre__name_pinyin", "batch", "appointment_document"]
    autocomplete_fields = ["sending_unit"]
    list_select_related = ["cadre", "sending_unit", "current_unit"]
    # The state, the dates and the placement change only through the secondment page's steps.
    readonly_fields = [
        "cadre",
        "status",
        "current_unit",
        "term_start",
        "term_end",
        "reported_on",
        "actual_end",
        "end_reason",
        "end_note",
        "mentor",
        "mentor_named_on",
        "training_plan",
        "training_plan_file",
        "training_plan_filed_on",
        page_link,
    ]
    inlines = [AssignmentInline]

    def has_add_permission(self, request):
        # A secondment is registered on its page, which writes the first line of its timeline.
        return False


@admin.register(Assignment)
class AssignmentAdmin(VisibleSecondmentsMixin, ReadableHistoryAdmin):
    list_display = ["secondment", "post", "title", "start_date", "end_date"]
    search_fields = ["secondment__cadre__name", "post__title", "post__unit__name"]
    list_select_related = ["secondment__cadre", "post__unit"]
    readonly_fields = ["secondment", "post", "start_date", "end_date"]

    def has_add_permission(self, request):
        return False


@admin.register(SecondmentEvent)
class SecondmentEventAdmin(VisibleSecondmentsMixin, admin.ModelAdmin):
    list_display = ["secondment", "action", "from_status", "to_status", "actor", "at", "imported"]
    list_filter = ["action", "imported"]
    search_fields = ["secondment__cadre__name", "note"]
    list_select_related = ["secondment__cadre", "actor"]
    readonly_fields = [f.name for f in SecondmentEvent._meta.fields]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["name", "days_due", "order", "active", "fulfilled_by"]
    list_editable = ["days_due", "order", "active", "fulfilled_by"]


@admin.register(ChecklistEntry)
class ChecklistEntryAdmin(VisibleSecondmentsMixin, admin.ModelAdmin):
    list_display = ["secondment", "item", "due_on", "done_on", "done_by"]
    list_filter = ["item"]
    search_fields = ["secondment__cadre__name"]
    list_select_related = ["secondment__cadre", "item", "done_by"]
    # Ticking a step writes a line on the timeline: it is done on the secondment page.
    readonly_fields = ["secondment", "item", "due_on", "done_on", "done_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Talk)
class TalkAdmin(SavesThroughServicesMixin, VisibleSecondmentsMixin, ReadableHistoryAdmin):
    """Corrections to talks, by the rules a talk is recorded by (correct_talk, remove_talk), so the
    secondment's date of the last talk stays true. A talk is recorded on the secondment page, where it
    takes its line on the timeline; whose talk it is, its kind and its follow-up's completion are
    steps of that page."""

    list_display = ["secondment", "date", "kind", "talker", "talker_role"]
    list_filter = ["kind", "talker_role"]
    search_fields = ["secondment__cadre__name", "talker"]
    list_select_related = ["secondment__cadre"]
    readonly_fields = ["secondment", "kind", "follow_up_done_on", "recorded_by", secondment_page_link]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        services.correct_talk(talk=obj, actor=request.user, **form.cleaned_data)

    def delete_model(self, request, obj):
        services.remove_talk(talk=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for talk in queryset:
            services.remove_talk(talk=talk, actor=request.user)


@admin.register(Leave)
class LeaveAdmin(VisibleSecondmentsMixin, ReadableHistoryAdmin):
    list_display = ["secondment", "kind", "start_date", "end_date", "days", "status", "reported_back_on"]
    list_filter = ["kind", "status", "approval_tier"]
    search_fields = ["secondment__cadre__name"]
    list_select_related = ["secondment__cadre"]
    # The request, its decision and the return are steps on the secondment page, each on its timeline.
    readonly_fields = [
        "secondment",
        "start_date",
        "end_date",
        "days",
        "approval_tier",
        "status",
        "approver",
        "approver_name",
        "decided_on",
        "reported_back_on",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """What the daily reminders sent to whom: read-only, for answering 'was I told?'."""

    list_display = ["user", "key", "sent_at"]
    search_fields = ["user__username", "user__email", "key"]
    date_hierarchy = "sent_at"
    list_select_related = ["user"]
    readonly_fields = ["user", "key", "sent_at"]

    def has_add_permission(self, request):
        return False
