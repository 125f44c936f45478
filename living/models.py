"""生活保障: where a seconded cadre lives, eats and how they get about, who answers for it, and the
care visits (慰问、家访、走访) paid to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Secondment
from guazhi.dates import long_date
from guazhi.fields import NOTE, TEXT, LimitedTextField

from .choices import CareVisitKind, HousingKind, ResponsibleUnit


class LifeSupport(models.Model):
    """The living arrangements of one term: housing (from when), meals, transport, and the unit
    responsible with a contact. Housing may wait while meals and transport are settled."""

    secondment = models.OneToOneField(
        Secondment, on_delete=models.PROTECT, related_name="life_support", verbose_name=_("secondment")
    )
    housing = models.CharField(_("housing"), max_length=20, choices=HousingKind.choices, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    housing_from = models.DateField(_("housed from"), null=True, blank=True)
    meals = LimitedTextField(_("meals"), max_length=NOTE, blank=True)
    transport = LimitedTextField(_("transport"), max_length=NOTE, blank=True)
    responsible_unit = models.CharField(_("unit responsible"), max_length=20, choices=ResponsibleUnit.choices)
    responsible_unit_name = models.CharField(_("name of the unit responsible"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("life support")
        verbose_name_plural = _("life support")
        ordering = ["secondment"]
        constraints = [
            models.CheckConstraint(
                condition=Q(housing="") | Q(housing_from__isnull=False),
                name="housing_has_a_start",
                violation_error_message=_("Say from when the cadre is housed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} {self.get_housing_display() or '—'}"

    @property
    def housed(self) -> bool:
        return bool(self.housing)


class CareVisit(models.Model):
    """A visit paid to the cadre (节日慰问、家访、走访), recorded like a talk: when, what kind, who came."""

    secondment = models.ForeignKey(
        Secondment, on_delete=models.PROTECT, related_name="care_visits", verbose_name=_("secondment")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=CareVisitKind.choices)
    visitors = models.CharField(_("visited by"), max_length=200)
    notes = LimitedTextField(_("notes"), max_length=TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care visit")
        verbose_name_plural = _("care visits")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["secondment", "-date"], name="visit_secondment_date_idx")]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} {self.get_kind_display()} {long_date(self.date)}"
