"""What every app's forms share."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from .workflow import TransitionError


def form_helper(submit_label: str, *, confirm: str = "", multipart: bool = False) -> FormHelper:
    """A crispy helper for a one-button form: no browser validation (the server's messages are
    the Chinese ones), an optional question before submitting, and file uploads when asked."""
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    if confirm:
        helper.attrs["data-confirm"] = confirm
    if multipart:
        helper.attrs["enctype"] = "multipart/form-data"
    helper.add_input(Submit("submit", submit_label))
    return helper


def show_refusal(form: forms.BaseForm, error: TransitionError) -> None:
    """Show a service's refusal on the form that asked for the step: each part at the field it is
    about, the rest above the form."""
    for name, message in error.fields.items():
        form.add_error(name if name in form.fields else None, message)
    if not error.fields:
        form.add_error(None, error.message)


def shown_order(form: forms.BaseForm) -> list[str]:
    """The form's fields in the order the page shows them (its crispy layout, where it has one)."""
    layout = getattr(getattr(form, "helper", None), "layout", None)
    if layout is not None:
        return [pointer.name for pointer in layout.get_field_names()]
    return list(form.fields)
