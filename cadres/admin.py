from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Cadre, Specialty, Unit, UnitMembership
from .selectors import cadres_visible_to, units_visible_to


class UnitMembershipInline(admin.TabularInline):
    model = UnitMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "tier", "sends", "receives", "contact_name", "contact_phone"]
    list_filter = ["tier", "sends", "receives"]
    search_fields = ["name", "contact_name"]
    inlines = [UnitMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request) & units_visible_to(request.user)


@admin.register(UnitMembership)
class UnitMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit__tier"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Cadre)
class CadreAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "gender",
        "birth_date",
        "leadership_level",
        "level_bucket",
        "home_unit",
        "home_position",
    ]
    list_filter = ["level_bucket", "leadership_level", "political_status", "home_unit__tier", "specialties"]
    search_fields = ["name", "name_pinyin", "name_initials", "id_number"]
    autocomplete_fields = ["home_unit"]
    filter_horizontal = ["specialties"]
    list_select_related = ["home_unit"]
    readonly_fields = ["level_bucket"]

    def get_queryset(self, request):
        return super().get_queryset(request) & cadres_visible_to(request.user)
