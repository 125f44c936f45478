"""Posts, secondments and their placements, the timeline and the intake checklist."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_cleanup import cleanup
from simple_history.models import HistoricalRecords

from cadres.models import Cadre, Specialty, Unit
from guazhi.checklists import ChecklistItemBase, ChecklistStepBase
from guazhi.dates import long_date
from guazhi.fields import LONG_TEXT, NOTE, TEXT, LimitedTextField

from ..choices import (
    OPEN_STATUSES,
    ChecklistTrigger,
    EndReason,
    EventAction,
    ExpectedLevel,
    PostStatus,
    SecondmentStatus,
    TrainingPlanStatus,
)


class Post(models.Model):
    """A post a receiving unit offers to seconded cadres (挂职岗位)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="posts", verbose_name=_("receiving unit")
    )
    title = models.CharField(_("title held"), max_length=100)
    portfolio = LimitedTextField(_("portfolio"), max_length=TEXT, blank=True)
    expected_level = models.CharField(
        _("expected level"), max_length=10, choices=ExpectedLevel.choices, default=ExpectedLevel.ANY
    )
    specialties = models.ManyToManyField(
        Specialty, blank=True, related_name="posts", verbose_name=_("wanted specialties")
    )
    quota = models.PositiveSmallIntegerField(_("quota"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.OPEN, db_index=True
    )
    reason = LimitedTextField(_("why the unit asked for it"), max_length=TEXT, blank=True)
    strong_team = models.BooleanField(
        _("strong team"),
        default=False,
        help_text=_("The leadership team is united, its style is good, and it can bring people on."),
    )
    broad_scope = models.BooleanField(
        _("broad scope"), default=False, help_text=_("Heavy tasks and a wide field of work.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["unit__name", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quota__gte=1),
                name="post_quota_at_least_one",
                violation_error_message=_("The quota must be at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("assignments:post_detail", args=[self.pk])


# A replaced or removed training-plan file is deleted once the change commits.
@cleanup.select
class Secondment(models.Model):
    """One cadre's term in the county (挂职)."""

    cadre = models.ForeignKey(
        Cadre, on_delete=models.PROTECT, related_name="secondments", verbose_name=_("cadre")
    )
    sending_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="sent_secondments", verbose_name=_("sending unit")
    )
    batch = models.CharField(_("batch"), max_length=50, blank=True, db_index=True)
    appointment_document = models.CharField(_("appointment document number"), max_length=100, blank=True)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("planned term end"))
    reported_on = models.DateField(_("reported for duty on"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    end_reason = models.CharField(_("how it ended"), max_length=20, choices=EndReason.choices, blank=True)
    end_note = LimitedTextField(_("reason for ending"), max_length=NOTE, blank=True)
    # The receiving unit of the current post, or of the last one once the term is over:
    # the unit whose leaders see and act for the cadre.
    current_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_secondments",
        verbose_name=_("receiving unit"),
    )
    # The post whose seat is held for the cadre until they are placed in it (按需选派: a nomination
    # accepted against a need); a reserved seat counts against the post's quota in every placement.
    reserved_post = models.ForeignKey(
        "Post",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reservations",
        verbose_name=_("reserved post"),
    )
    # The last day the reserved seat is held while the cadre has not reported; past it the seat is
    # free again (empty: held until released).
    reserved_until = models.DateField(_("seat reserved until"), null=True, blank=True)
    mentor = models.CharField(
        _("mentor"), max_length=100, blank=True, help_text=_("A county leader: name and post.")
    )
    mentor_named_on = models.DateField(_("mentor named on"), null=True, blank=True)
    training_plan = LimitedTextField(_("training plan"), max_length=LONG_TEXT, blank=True)
    training_plan_file = models.FileField(_("training plan file"), upload_to="training_plans/%Y/", blank=True)
    training_plan_filed_on = models.DateField(_("training plan filed on"), null=True, blank=True)
    training_plan_status = models.CharField(
        _("training plan status"), max_length=20, choices=TrainingPlanStatus.choices, blank=True
    )
    training_plan_return_reason = LimitedTextField(
        _("why the training plan was returned"), max_length=NOTE, blank=True
    )
    sending_unit_recommendations = LimitedTextField(
        _("sending unit's recommendations"), max_length=TEXT, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SecondmentStatus.choices,
        default=SecondmentStatus.EXPECTED,
        db_index=True,
    )
    # The date of the latest talk, kept by record_talk: the dashboard asks "no talk since when?"
    # of every cadre in the county on each visit, and a column answers without reading the talks.
    last_talk_on = models.DateField(_("last talk on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The last talk's date is derived from the talks, which keep their own history.
    history = HistoricalRecords(excluded_fields=["last_talk_on"])

    class Meta:
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        ordering = ["-term_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=F("term_start")),
                name="secondment_term_end_after_start",
                violation_error_message=_("The planned term end must be after the term start."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True) | Q(actual_end__gte=F("term_start")),
                name="secondment_actual_end_after_start",
                violation_error_message=_("The actual end cannot be before the term start."),
            ),
            models.UniqueConstraint(
                fields=["cadre", "term_start"],
                name="secondment_unique_cadre_term_start",
                violation_error_message=_("This cadre already has a secondment starting on that date."),
            ),
            models.UniqueConstraint(
                fields=["cadre"],
                condition=Q(status__in=OPEN_STATUSES),
                name="secondment_one_open_per_cadre",
                violation_error_message=_("This cadre already has a secondment that has not ended."),
            ),
        ]
        indexes = [
            # Every column the dashboard's watches read, so that counting them over the cadres in
            # the county reads this index alone (SQLite included); it leads with the status and the
            # term end as the lists of terms ending soon and past their end ask.
            models.Index(
                fields=[
                    "status",
                    "term_end",
                    "current_unit",
                    "reported_on",
                    "last_talk_on",
                    "training_plan_filed_on",
                    "mentor",
                ],
                name="secondment_watch_idx",
            ),
            models.Index(fields=["current_unit", "status"], name="secondment_unit_status_idx"),
            # The secondment list's order: its first page is read from the index, not by sorting every row.
            models.Index(fields=["-term_start", "-id"], name="secondment_term_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.cadre.name}（{self.batch or self.term_start.year}）"

    def get_absolute_url(self) -> str:
        return reverse("assignments:secondment_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def in_county_from(self) -> datetime.date:
        """The first day the cadre's time in the county counts from: the day they reported, or the
        term start while no reporting date is on file. Nothing in the term can happen before it."""
        return self.reported_on or self.term_start

    @property
    def reservation_lapsed(self) -> bool:
        """The seat reserved for the cadre was held until a day now past and they have not
        reported: it is free again."""
        return (
            self.reserved_post_id is not None
            and self.status == SecondmentStatus.EXPECTED
            and self.reserved_until is not None
            and self.reserved_until < timezone.localdate()
        )


class Assignment(models.Model):
    """A secondment placed in a post for a span of dates (岗位安排)."""

    secondment = models.ForeignKey(
        Secondment, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("secondment")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("post")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    title = models.CharField(_("title held"), max_length=100)
    duties = LimitedTextField(_("duties given"), max_length=TEXT, blank=True)
    # Why the cadre was placed though the post failed one of the three tests (三个有利于), and which.
    fit_reason = LimitedTextField(_("reason for placing despite a failed test"), max_length=NOTE, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["secondment"],
                condition=Q(end_date__isnull=True),
                name="assignment_one_open_per_secondment",
                violation_error_message=_("This secondment already holds a post."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="assignment_end_after_start",
                violation_error_message=_("An assignment cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["post", "end_date"], name="assignment_post_open_idx")]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} · {self.post}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class SecondmentEvent(models.Model):
    """A line of the secondment's timeline: who did what, from which state to which."""

    secondment = models.ForeignKey(
        Secondment, on_delete=models.PROTECT, related_name="events", verbose_name=_("secondment")
    )
    action = models.CharField(_("action"), max_length=20, choices=EventAction.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    imported = models.BooleanField(_("imported"), default=False)
    # Lines about work in progress (an appraisal filed or returned) are not the sending unit's to read.
    shown_to_sending_unit = models.BooleanField(_("shown to the sending unit"), default=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["secondment", "-at"], name="event_secondment_at_idx")]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} {self.get_action_display()} {long_date(self.at)}"

    def from_label(self) -> str:
        return SecondmentStatus(self.from_status).label if self.from_status else ""

    def to_label(self) -> str:
        return SecondmentStatus(self.to_status).label if self.to_status else ""


class ChecklistItem(ChecklistItemBase):
    """An intake step every reporting cadre goes through (报到手续); reference data."""

    days_due = models.PositiveSmallIntegerField(_("due days after reporting"), default=7)
    fulfilled_by = models.CharField(
        _("ticked when"),
        max_length=20,
        choices=ChecklistTrigger.choices,
        blank=True,
        default=ChecklistTrigger.NONE,
        help_text=_("Tick the step by itself when this is recorded on the secondment."),
    )

    class Meta(ChecklistItemBase.Meta):
        verbose_name = _("intake checklist item")
        verbose_name_plural = _("intake checklist items")


class ChecklistEntry(ChecklistStepBase):
    secondment = models.ForeignKey(
        Secondment, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("secondment")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="entries", verbose_name=_("item")
    )
    due_on = models.DateField(_("due on"))

    class Meta(ChecklistStepBase.Meta):
        verbose_name = _("intake checklist entry")
        verbose_name_plural = _("intake checklist entries")
        constraints = [
            models.UniqueConstraint(fields=["secondment", "item"], name="checklist_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.secondment_id} {self.item.name}"
