"""The table of family members on the cadre form: one row per member, in the order kept."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import FamilyMember
from .services import FAMILY_FIELDS

# Blank rows offered below the members already listed.
EXTRA_ROWS = 2
MAX_ROWS = 30


class FamilyMemberForm(forms.Form):
    relation = forms.CharField(label=gettext_lazy("relation"), max_length=20, required=False)
    name = forms.CharField(label=gettext_lazy("full name"), max_length=50, required=False)
    birth_date = forms.Field(label=gettext_lazy("birth month"), required=False)
    political_status = forms.CharField(label=gettext_lazy("political status"), max_length=30, required=False)
    work = forms.CharField(label=gettext_lazy("work unit and position"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here: the date field lives in cadres.forms, which imports this module.
        from .forms import FlexibleDateField

        self.fields["birth_date"] = FlexibleDateField(
            label=gettext_lazy("birth month"), month_only=True, required=False, help_text=""
        )

    def clean(self):
        cleaned = super().clean()
        filled = any(cleaned.get(name) for name in FAMILY_FIELDS)
        if filled and not cleaned.get("name"):
            self.add_error("name", _("Enter the family member's name, or empty the row."))
        if filled and not cleaned.get("relation"):
            self.add_error("relation", _("Enter the relation (for example 妻子), or empty the row."))
        return cleaned


FamilyFormSet = forms.formset_factory(
    FamilyMemberForm, extra=EXTRA_ROWS, max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS
)


# Each row's inputs are named for the member they belong to; the words differ from the cadre's own
# fields' labels (姓名, 出生年月, 政治面貌), so a label names one input on the page.
ROW_LABELS = {
    "relation": gettext_lazy("Relation of family member %(n)d"),
    "name": gettext_lazy("Family member %(n)d"),
    "birth_date": gettext_lazy("Born (family member %(n)d)"),
    "political_status": gettext_lazy("Party standing of family member %(n)d"),
    "work": gettext_lazy("Work of family member %(n)d"),
}


def labelled_rows(formset) -> list[list[tuple]]:
    """The formset's rows as (bound field, its accessible name), in the table's order."""
    return [
        [(form[name], ROW_LABELS[name] % {"n": number}) for name in FAMILY_FIELDS]
        for number, form in enumerate(formset.forms, start=1)
    ]


def family_initial(members) -> list[dict]:
    return [{name: getattr(member, name) for name in FAMILY_FIELDS} for member in members]


def family_formset(data, *, prefix: str, instance=None, initial: list[dict] | None = None) -> FamilyFormSet:
    """The family rows of a cadre form: the members on file (or ``initial``, read from a file)."""
    if data is not None:
        # Rows are read as posted: compared with an initial value, an unchanged row would be skipped.
        return FamilyFormSet(data, prefix=prefix)
    if initial is None:
        members = (
            FamilyMember.objects.filter(cadre=instance).order_by("position", "id")
            if instance and instance.pk
            else []
        )
        initial = family_initial(members)
    return FamilyFormSet(data, prefix=prefix, initial=initial)


def family_rows(formset: FamilyFormSet) -> list[dict]:
    """The filled rows of a valid formset, in order."""
    return [
        {name: form.cleaned_data.get(name) for name in FAMILY_FIELDS}
        for form in formset.forms
        if form.cleaned_data.get("name")
    ]
