"""What the administration pages of every app share."""

import dataclasses

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .history import in_form_order, shown_value
from .workflow import TransitionError


@admin.display(description=_("where it is changed"))
def page_link(obj) -> str:
    """A link to the object's own page, where its services change what is read-only here."""
    if obj is None or obj.pk is None:
        return "—"
    return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Open its page"))


class SavesThroughServicesMixin:
    """For a ModelAdmin whose saves and deletions call the apps' services: a refusal undoes the whole
    save (the admin runs it in one transaction) and comes back to the same page with the service's
    reason, as the application's own pages do."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except TransitionError as error:
            return self._refused(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except TransitionError as error:
            return self._refused(request, error)

    def _refused(self, request, error: TransitionError) -> HttpResponseRedirect:
        self.message_user(request, error.message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


class _ReadableChanges(HistoricalRecordContextHelper):
    """A record's changes as the pages' history writes them: choice labels, names, Beijing time,
    file names, in the order the model declares its fields."""

    def context_for_delta_changes(self, delta):
        order = in_form_order(self.model, ())
        return super().context_for_delta_changes(
            dataclasses.replace(delta, changes=sorted(delta.changes, key=lambda c: order(c.field)))
        )

    def format_delta_change(self, change):
        model_field = self.model._meta.get_field(change.field)
        return dataclasses.replace(
            change,
            field=capfirst(model_field.verbose_name),
            old=shown_value(model_field, self.prepare_delta_change_value(change, change.old)),
            new=shown_value(model_field, self.prepare_delta_change_value(change, change.new)),
        )


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's administration, with its history page written as the application's own."""

    def get_historical_record_context_helper(self, request, historical_record):
        return _ReadableChanges(self.model, historical_record)
