"""The filter of a watch's list."""

import django_filters
from django.utils.translation import gettext_lazy

from assignments.models import Secondment
from cadres.models import Unit
from guazhi.filters import StyledFilterSet


class WatchFilter(StyledFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("receiving unit"),
        field_name="current_unit",
        queryset=Unit.objects.none(),
        null_label=gettext_lazy("Not yet placed"),
        null_value="none",
    )

    class Meta:
        model = Secondment
        fields = ["unit"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.filters["unit"].queryset = units
