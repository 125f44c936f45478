"""Corrections to life support and care visits, through the same services as the secondment page, so
the intake step 生活安排落实 is ticked and the timeline kept whichever way a change is made. Both are
recorded on the secondment page; whose term it is stays read-only here."""

from django.contrib import admin

from assignments.admin import VisibleSecondmentsMixin, secondment_page_link
from guazhi.admin import ReadableHistoryAdmin, SavesThroughServicesMixin

from . import services
from .models import CareVisit, LifeSupport


@admin.register(LifeSupport)
class LifeSupportAdmin(SavesThroughServicesMixin, VisibleSecondmentsMixin, ReadableHistoryAdmin):
    list_display = ["secondment", "housing", "housing_from", "responsible_unit", "contact_name"]
    list_filter = ["housing", "responsible_unit"]
    search_fields = ["secondment__cadre__name", "address", "contact_name"]
    list_select_related = ["secondment__cadre"]
    readonly_fields = ["secondment", "recorded_by", secondment_page_link]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.LIFE_SUPPORT_FIELDS}
        services.record_life_support(secondment=obj.secondment, actor=request.user, **fields)


@admin.register(CareVisit)
class CareVisitAdmin(SavesThroughServicesMixin, VisibleSecondmentsMixin, ReadableHistoryAdmin):
    list_display = ["secondment", "date", "kind", "visitors"]
    list_filter = ["kind"]
    search_fields = ["secondment__cadre__name", "visitors"]
    list_select_related = ["secondment__cadre"]
    readonly_fields = ["secondment", "recorded_by", secondment_page_link]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.VISIT_FIELDS}
        services.correct_care_visit(visit=obj, actor=request.user, **fields)

    def delete_model(self, request, obj):
        services.remove_care_visit(visit=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for visit in queryset:
            services.remove_care_visit(visit=visit, actor=request.user)
