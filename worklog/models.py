"""工作纪实: what a seconded cadre did, month by month, and the projects they led or carried."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Secondment
from guazhi.fields import NOTE, TEXT, LimitedTextField

from .choices import ProjectKind, ProjectRole


class Project(models.Model):
    """A project the cadre led, carried or took part in during a term, counted by kind and unit."""

    secondment = models.ForeignKey(
        Secondment, on_delete=models.PROTECT, related_name="projects", verbose_name=_("secondment")
    )
    name = models.CharField(_("project name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    role = models.CharField(_("role"), max_length=20, choices=ProjectRole.choices)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    result = LimitedTextField(_("result"), max_length=TEXT, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["secondment", "started_on", "id"]

    def __str__(self) -> str:
        return self.name


class MonthlyRecord(models.Model):
    """One month of a term: work done, projects, problems met and next month's plan, with the
    receiving side's comment (审阅意见)."""

    secondment = models.ForeignKey(
        Secondment, on_delete=models.PROTECT, related_name="monthly_records", verbose_name=_("secondment")
    )
    # The first day of the month the record is about.
    month = models.DateField(_("month"))
    work_done = LimitedTextField(_("work done"), max_length=TEXT)
    projects = models.ManyToManyField(Project, blank=True, related_name="records", verbose_name=_("projects"))
    problems = LimitedTextField(_("problems met"), max_length=TEXT, blank=True)
    next_plan = LimitedTextField(_("next month's plan"), max_length=TEXT, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    # Filed by staff for the cadre (代为录入), not by the cadre.
    on_behalf = models.BooleanField(_("filed on the cadre's behalf"), default=False)
    filed_at = models.DateTimeField(_("filed at"))
    comment = LimitedTextField(_("review comment"), max_length=NOTE, blank=True)
    commented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commented by"),
    )
    commented_at = models.DateTimeField(_("commented at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly work record")
        verbose_name_plural = _("monthly work records")
        ordering = ["secondment", "-month"]
        indexes = [
            # The radar (worklog/radar.py): who filed the month due, and which records wait for a comment.
            models.Index(fields=["month", "secondment"], name="record_month_secondment"),
            models.Index(
                fields=["filed_at", "secondment"], condition=Q(comment=""), name="record_unread_filed"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["secondment", "month"], name="one_record_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="record_month_is_its_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} {self.month:%Y-%m}"
