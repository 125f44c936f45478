from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "expected_level", "quota", "status", "strong_team", "broad_scope"]
    list_filter = ["status", "expected_level", "strong_team", "broad_scope", "unit__tier"]
    search_fields = ["title", "unit__name", "portfolio"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["specialties"]
    list_select_related = ["unit"]
    readonly_fields = ["status"]

    def get_queryset(self, request):
        return super().get_queryset(request) & posts_visible_to(request.user)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["post"]


@admin.register(Secondment)
class SecondmentAdmin(VisibleSecondmentsMixin, SimpleHistoryAdmin):
    secondment_path = ""
    list_display = ["cadre", "sending_unit", "batch", "term_start", "term_end", "status", "current_unit"]
    list_filter = ["status", "sending_unit__tier", "batch"]
    search_fields = ["cadre__name", "cadre__name_pinyin", "batch", "appointment_document"]
    autocomplete_fields = ["cadre", "sending_unit", "current_unit"]
    list_select_related = ["cadre", "sending_unit", "current_unit"]
    readonly_fields = ["status"]
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(VisibleSecondmentsMixin, SimpleHistoryAdmin):
    list_display = ["secondment", "post", "title", "start_date", "end_date"]
    search_fields = ["secondment__cadre__name", "post__title", "post__unit__name"]
    autocomplete_fields = ["secondment", "post"]
    list_select_related = ["secondment__cadre", "post__unit"]


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


@admin.register(Talk)
class TalkAdmin(VisibleSecondmentsMixin, SimpleHistoryAdmin):
    """Corrections to talks; each keeps its secondment's date of the last talk true."""

    list_display = ["secondment", "date", "kind", "talker", "talker_role"]
    list_filter = ["kind", "talker_role"]
    search_fields = ["secondment__cadre__name", "talker"]
    list_select_related = ["secondment__cadre"]

    def save_model(self, request, obj, form, change):
        before = (
            Talk.objects.filter(pk=obj.pk).values_list("secondment_id", flat=True).first() if change else None
        )
        super().save_model(request, obj, form, change)
        services.refresh_last_talk({obj.secondment_id, before} - {None})

    def delete_model(self, request, obj):
        secondment_id = obj.secondment_id
        super().delete_model(request, obj)
        services.refresh_last_talk([secondment_id])

    def delete_queryset(self, request, queryset):
        secondment_ids = set(queryset.values_list("secondment_id", flat=True))
        super().delete_queryset(request, queryset)
        services.refresh_last_talk(secondment_ids)


@admin.register(Leave)
class LeaveAdmin(VisibleSecondmentsMixin, SimpleHistoryAdmin):
    list_display = ["secondment", "kind", "start_date", "end_date", "days", "status", "reported_back_on"]
    list_filter = ["kind", "status", "approval_tier"]
    search_fields = ["secondment__cadre__name"]
    list_select_related = ["secondment__cadre"]
    readonly_fields = ["status"]


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
