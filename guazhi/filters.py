"""List filters rendered as plain Bootstrap controls.

Filter forms appear on every list page, and some selects carry a hundred
units; rendering each option through its own template (Django's default, and
crispy's field wrappers on top) cost more than the list's queries. These
widgets get Bootstrap classes, and selects write their options directly.
"""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

# Searches are names and numbers; a longer text is refused at the field before it reaches
# the database (SQLite refuses LIKE patterns past 50,000 bytes).
SEARCH_MAX_LENGTH = 100


class FastSelect(forms.Select):
    """A single select whose options are written in one pass, without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        options = (
            (
                option["value"] if option["value"] is not None else "",
                " selected" if option["selected"] else "",
                option["label"],
            )
            for _group, group_options, _index in context["widget"]["optgroups"]
            for option in group_options
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(context["widget"]["attrs"]),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )


class YesNoSelect(FastSelect, forms.NullBooleanSelect):
    """A yes/no filter that starts at 全部 (no filter), not at Django's 未知."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]

    def format_value(self, value):
        chosen = super().format_value(value)
        return ["" if chosen == "unknown" else chosen]


class StyledFilterSet(django_filters.FilterSet):
    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            for field in form.fields.values():
                if isinstance(field, forms.NullBooleanField):
                    field.widget = YesNoSelect(attrs=field.widget.attrs)
                elif type(field.widget) is forms.Select:
                    field.widget = FastSelect(attrs=field.widget.attrs)
                    field.widget.choices = field.choices
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = css
            form._styled = True
        return form
