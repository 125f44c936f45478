import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guazhi.filters import SEARCH_MAX_LENGTH, StyledFilterSet
from guazhi.text import is_number

from .choices import LeadershipLevel, LevelBucket, PoliticalStatus, UnitTier
from .models import Cadre, Specialty, Unit
from .validators import normalise_id_number


class CadreFilter(StyledFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Name, pinyin, initials or ID number"),
        max_length=SEARCH_MAX_LENGTH,
    )
    level_bucket = django_filters.ChoiceFilter(label=_("level bucket"), choices=LevelBucket.choices)
    leadership_level = django_filters.ChoiceFilter(
        label=_("leadership level"), choices=LeadershipLevel.choices
    )
    home_unit__tier = django_filters.ChoiceFilter(label=_("home unit tier"), choices=UnitTier.choices)
    specialties = django_filters.ModelChoiceFilter(
        label=_("specialty"), queryset=Specialty.objects.order_by("name")
    )
    political_status = django_filters.ChoiceFilter(
        label=_("political status"), choices=PoliticalStatus.choices
    )

    class Meta:
        model = Cadre
        fields = [
            "q",
            "level_bucket",
            "leadership_level",
            "home_unit__tier",
            "specialties",
            "political_status",
        ]

    def search(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        condition = Q(name__icontains=text)
        latin = text.replace(" ", "").lower()
        if latin.isascii() and latin.isalpha():
            condition |= Q(name_pinyin__contains=latin) | Q(name_initials__contains=latin)
        number = normalise_id_number(text)
        if len(number) >= 6 and is_number(number[:-1]):
            condition |= Q(id_number__startswith=number) if len(number) < 18 else Q(id_number=number)
        return queryset.filter(condition)


class UnitFilter(StyledFilterSet):
    name = django_filters.CharFilter(label=_("name"), lookup_expr="icontains", max_length=SEARCH_MAX_LENGTH)
    tier = django_filters.ChoiceFilter(label=_("tier"), choices=UnitTier.choices)
    sends = django_filters.BooleanFilter(label=_("sends cadres"))
    receives = django_filters.BooleanFilter(label=_("receives cadres"))

    class Meta:
        model = Unit
        fields = ["name", "tier", "sends", "receives"]
