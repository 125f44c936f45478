"""The forms of 生活保障: the living arrangements of a term, and a care visit."""

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadres.forms import FlexibleDateField
from guazhi.forms import form_helper

from .choices import PROVIDED_HOUSING, ResponsibleUnit
from .models import CareVisit, LifeSupport
from .services import LIFE_SUPPORT_FIELDS, PHONE, VISIT_FIELDS


class LifeSupportForm(forms.ModelForm):
    housing_from = FlexibleDateField(label=gettext_lazy("housed from"), required=False)

    class Meta:
        model = LifeSupport
        fields = list(LIFE_SUPPORT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("meals", "transport")}
        help_texts = {
            "housing": gettext_lazy("Leave empty while the housing is not settled."),
            "meals": gettext_lazy("e.g. 县委机关食堂就餐，餐费由接收单位承担"),
            "transport": gettext_lazy("e.g. 公务用车保障下乡，往返派出单位乘高铁"),
            "responsible_unit_name": gettext_lazy("Only when another unit is responsible."),
            "contact_name": gettext_lazy("Name and post, e.g. 县机关事务局 刘科长"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save the life support"))
        self.helper.layout = Layout(
            Row(Column("housing"), Column("housing_from")),
            "address",
            "meals",
            "transport",
            Row(Column("responsible_unit"), Column("responsible_unit_name")),
            Row(Column("contact_name"), Column("contact_phone")),
        )

    def clean(self):
        cleaned = super().clean()
        housing, since = cleaned.get("housing"), cleaned.get("housing_from")
        if housing and since is None and "housing_from" not in self.errors:
            self.add_error("housing_from", _("Say from when the cadre is housed."))
        if since and since > timezone.localdate():
            self.add_error("housing_from", _("The date cannot be in the future."))
        if housing in PROVIDED_HOUSING and not cleaned.get("address", "").strip():
            self.add_error("address", _("Give the address of the housing."))
        if not housing and (since or cleaned.get("address", "").strip()):
            self.add_error("housing", _("Choose the kind of housing, or leave the address and date empty."))
        if (
            cleaned.get("responsible_unit") == ResponsibleUnit.OTHER
            and not cleaned.get("responsible_unit_name", "").strip()
        ):
            self.add_error("responsible_unit_name", _("Name the unit responsible."))
        phone = cleaned.get("contact_phone", "").strip()
        if phone and not PHONE.match(phone):
            self.add_error(
                "contact_phone", _("Give a phone number of digits, e.g. 0731-84561234 or 13812345678.")
            )
        return cleaned


class CareVisitForm(forms.ModelForm):
    date = FlexibleDateField(label=gettext_lazy("date of the visit"), initial=timezone.localdate)

    class Meta:
        model = CareVisit
        fields = list(VISIT_FIELDS)
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "visitors": gettext_lazy("Names and posts, e.g. 县委组织部副部长 李明华、县财政局局长 王志刚"),
            "notes": gettext_lazy("What was asked after, what the cadre raised, what help was given."),
        }

    def __init__(self, *args, submit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit or _("Record the visit"))
        self.helper.layout = Layout(Row(Column("kind"), Column("date")), "visitors", "notes")

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        if day and day > timezone.localdate():
            self.add_error("date", _("The date cannot be in the future."))
        return cleaned
