"""List filters rendered as plain Bootstrap controls.

Filter forms appear on every list page, and some selects carry a hundred
units; rendering each option through its own template (Django's default, and
crispy's field wrappers on top) cost more than the list's queries. These
widgets get Bootstrap classes and a select template that writes its options
in one loop.
"""

import django_filters
from django import forms

FAST_SELECT = "guazhi/widgets/select.html"


class StyledFilterSet(django_filters.FilterSet):
    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            for field in form.fields.values():
                widget = field.widget
                if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
                    widget.attrs["class"] = "form-select"
                    widget.template_name = FAST_SELECT
                else:
                    widget.attrs["class"] = "form-control"
            form._styled = True
        return form
