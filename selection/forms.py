"""The forms of the selection pages; they validate and normalise, the services decide."""

import os

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assignments.models import Post
from cadres.forms import CadreForm, FlexibleDateField
from cadres.lrmx.upload import kept_file
from cadres.models import Cadre, Specialty, Unit
from guazhi.fields import TEXT
from guazhi.forms import form_helper
from guazhi.uploads import validate_document

from .models import Need


class CycleForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("name"), max_length=50, help_text=gettext_lazy("e.g. 2027年省派第一批")
    )
    deadline = FlexibleDateField(label=gettext_lazy("nominations due by"))
    term_start = FlexibleDateField(label=gettext_lazy("term start"))
    addressed_units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("addressed sending units"),
        queryset=Unit.objects.filter(sends=True).order_by("tier", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: every sending unit."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Open the cycle"))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("deadline")
            and cleaned.get("term_start")
            and cleaned["deadline"] > cleaned["term_start"]
        ):
            self.add_error("deadline", _("Nominations must be due before the term starts."))
        return cleaned


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = [
            "unit",
            "post",
            "new_post_title",
            "count",
            "level",
            "specialties",
            "duties",
            "term_months",
            "reason",
        ]
        widgets = {
            "specialties": forms.CheckboxSelectMultiple,
            "duties": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(receives=True).order_by("tier", "name")
        self.fields["post"].queryset = Post.objects.select_related("unit").order_by("unit__name", "title")
        self.fields["post"].help_text = _("Or leave empty and name the post to be created.")
        self.fields["specialties"].queryset = Specialty.objects.order_by("name")
        self.fields["specialties"].help_text = _("Empty: the post's own.")
        self.fields["count"].min_value = 1
        self.helper = form_helper(_("Add the need"))
        self.helper.layout = Layout(
            Row(Column("unit"), Column("post"), Column("new_post_title")),
            Row(Column("count"), Column("level"), Column("term_months")),
            "specialties",
            "duties",
            "reason",
        )

    def clean(self):
        cleaned = super().clean()
        post, unit = cleaned.get("post"), cleaned.get("unit")
        if post and unit and post.unit_id != unit.pk:
            self.add_error("post", _("The post is not in %(unit)s.") % {"unit": unit})
        if not post and not cleaned.get("new_post_title", "").strip():
            self.add_error("new_post_title", _("Choose an existing post or name the post to be created."))
        return cleaned


class NominationForm(forms.Form):
    existing_cadre = forms.ModelChoiceField(
        label=gettext_lazy("cadre"),
        queryset=Cadre.objects.none(),
        required=False,
        help_text=gettext_lazy("A cadre of your unit on file; leave empty to add a new one below."),
    )
    reason = forms.CharField(
        label=gettext_lazy("why they fit"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(
        label=gettext_lazy("attachment"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf"}),
        help_text=gettext_lazy("Optional: the 干部任免审批表 as a PDF."),
    )
    # The .lrmx file read above the form, kept for this session until the nomination is sent.
    lrmx_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, unit: Unit, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["existing_cadre"].queryset = Cadre.objects.filter(home_unit=unit).order_by("name")
        self.helper = form_helper(_("Nominate"))
        # The page's own button sends this form and the new cadre's together.
        self.helper.form_tag = False
        self.helper.inputs = []

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            if os.path.splitext(upload.name or "")[1].lower() != ".pdf":
                raise ValidationError(_("Attach the file as a PDF."))
            validate_document(upload)
        return upload or None

    def clean(self):
        cleaned = super().clean()
        token = cleaned.get("lrmx_token") or ""
        cleaned["lrmx_file"] = None
        if token:
            content = kept_file(token, self.session)
            if content is None:
                self.add_error(
                    None, _("The 干部任免审批表 file read earlier is no longer kept; read it again.")
                )
            else:
                cleaned["lrmx_file"] = ContentFile(content, name="approval.lrmx")
        return cleaned


class NewCadreForm(CadreForm):
    """A new cadre nominated by their own unit: every check of the cadre form, the unit theirs."""

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_unit"].queryset = Unit.objects.filter(pk=unit.pk)
        self.fields["home_unit"].initial = unit
        self.fields["home_unit"].disabled = True


class DecisionForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("reason for the decision"), max_length=TEXT, required=False)
    reserved_until = forms.DateField(label=gettext_lazy("if accepted, hold the seat until"), required=False)


class MessageForm(forms.Form):
    """A message on a thread: Django's text field refuses a NUL and trims; an empty message is the
    service's to refuse."""

    text = forms.CharField(max_length=3000, required=False)
