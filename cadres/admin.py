"""The administration of people and organisations; every save and deletion goes through
``cadres.services``, so it keeps the same rules and the same history as the pages."""

from django.contrib import admin

from guazhi.admin import ReadableHistoryAdmin, SavesThroughServicesMixin

from . import services
from .choices import LevelBucket
from .models import Account, Cadre, FamilyMember, Specialty, Unit, UnitMembership
from .selectors import cadres_visible_to, units_visible_to


def _replace_membership(request, membership: UnitMembership) -> UnitMembership:
    """A membership changed in the administration: the old right to act ends and the new one begins."""
    if membership.pk is not None:
        services.end_membership(membership=membership, actor=request.user)
    return services.add_membership(
        user=membership.user, unit=membership.unit, role=membership.role, actor=request.user
    )


class UnitMembershipInline(admin.TabularInline):
    model = UnitMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(SavesThroughServicesMixin, ReadableHistoryAdmin):
    list_display = ["name", "tier", "sends", "receives", "contact_name", "contact_phone"]
    list_filter = ["tier", "sends", "receives"]
    search_fields = ["name", "contact_name"]
    inlines = [UnitMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request) & units_visible_to(request.user)

    def save_model(self, request, obj, form, change):
        if change:
            services.edit_unit(unit=obj, actor=request.user, **form.cleaned_data)
        else:
            obj.pk = services.create_unit(actor=request.user, **form.cleaned_data).pk

    def save_formset(self, request, form, formset, change):
        memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.end_membership(membership=membership, actor=request.user)
        for membership in memberships:
            _replace_membership(request, membership)


@admin.register(UnitMembership)
class UnitMembershipAdmin(SavesThroughServicesMixin, ReadableHistoryAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit__tier"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]

    def save_model(self, request, obj, form, change):
        obj.pk = _replace_membership(request, obj).pk

    def delete_model(self, request, obj):
        services.end_membership(membership=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.end_membership(membership=membership, actor=request.user)


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class LevelBucketFilter(admin.SimpleListFilter):
    """The derived level, by its labels (a generated column offers the admin no choices of its own)."""

    title = Cadre._meta.get_field("level_bucket").verbose_name
    parameter_name = "level_bucket"

    def lookups(self, request, model_admin):
        return LevelBucket.choices

    def queryset(self, request, queryset):
        return queryset.filter(level_bucket=self.value()) if self.value() else queryset


class FamilyMemberInline(admin.TabularInline):
    """Read here; kept on the cadre's page, whose form checks each member."""

    model = FamilyMember
    extra = 0
    can_delete = False
    fields = readonly_fields = ["position", "relation", "name", "birth_date", "political_status", "work"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Cadre)
class CadreAdmin(SavesThroughServicesMixin, ReadableHistoryAdmin):
    list_display = [
        "name",
        "gender",
        "birth_date",
        "leadership_level",
        "level",
        "home_unit",
        "home_position",
    ]
    list_filter = [
        LevelBucketFilter,
        "leadership_level",
        "political_status",
        "home_unit__tier",
        "specialties",
    ]
    search_fields = ["name", "name_pinyin", "name_initials", "id_number"]
    autocomplete_fields = ["home_unit"]
    filter_horizontal = ["specialties"]
    list_select_related = ["home_unit"]
    readonly_fields = ["level"]
    # The photograph and the family are kept through the cadre pages, which check them.
    exclude = ["photo"]

    def get_inlines(self, request, obj):
        # A new cadre has no family yet; it is entered on the cadre's page.
        return [FamilyMemberInline] if obj is not None else []

    @admin.display(description=Cadre._meta.get_field("level_bucket").verbose_name, ordering="level_bucket")
    def level(self, obj: Cadre) -> str:
        return obj.get_level_bucket_display()

    def get_queryset(self, request):
        return super().get_queryset(request) & cadres_visible_to(request.user)

    def save_model(self, request, obj, form, change):
        # The service writes the specialties with the rest (save_related below leaves them alone).
        if change:
            services.edit_cadre(cadre=obj, actor=request.user, **form.cleaned_data)
        else:
            obj.pk = services.create_cadre(actor=request.user, **form.cleaned_data).pk

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Account)
class AccountAdmin(ReadableHistoryAdmin):
    """Who must choose a new password at the next login, and whose login is off, with the history of
    who gave, reset or deactivated it. Read here: those steps are taken on the unit's and the cadre's
    pages, which end the sessions and the memberships with them."""

    list_display = ["user", "must_change_password", "active"]
    list_filter = ["must_change_password", "active"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "must_change_password", "active"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
