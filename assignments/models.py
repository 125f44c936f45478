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
from guazhi.fields import LONG_TEXT, NOTE, TEXT, LimitedTextField

from .choices import (
    OPEN_STATUSES,
    ApprovalTier,
    ChecklistTrigger,
    EndReason,
    EventAction,
    ExpectedLevel,
    LeaveKind,
    LeaveStatus,
    PostStatus,
    SecondmentStatus,
    TalkerRole,
    TalkKind,
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
    mentor = models.CharField(
        _("mentor"), max_length=100, blank=True, help_text=_("A county leader: name and post.")
    )
    mentor_named_on = models.DateField(_("mentor named on"), null=True, blank=True)
    training_plan = LimitedTextField(_("training plan"), max_length=LONG_TEXT, blank=True)
    training_plan_file = models.FileField(_("training plan file"), upload_to="training_plans/%Y/", blank=True)
    training_plan_filed_on = models.DateField(_("training plan filed on"), null=True, blank=True)
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

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["secondment", "-at"], name="event_secondment_at_idx")]

    def __str__(self) -> str:
        return f"{self.secondment_id} {self.get_action_display()} {self.at:%Y-%m-%d}"

    def from_label(self) -> str:
        return SecondmentStatus(self.from_status).label if self.from_status else ""

    def to_label(self) -> str:
        return SecondmentStatus(self.to_status).label if self.to_status else ""


class ChecklistItem(models.Model):
    """An intake step every reporting cadre goes through (报到手续); reference data."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    days_due = models.PositiveSmallIntegerField(_("due days after reporting"), default=7)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    fulfilled_by = models.CharField(
        _("ticked when"),
        max_length=20,
        choices=ChecklistTrigger.choices,
        blank=True,
        default=ChecklistTrigger.NONE,
        help_text=_("Tick the step by itself when this is recorded on the secondment."),
    )

    class Meta:
        verbose_name = _("intake checklist item")
        verbose_name_plural = _("intake checklist items")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ChecklistEntry(models.Model):
    secondment = models.ForeignKey(
        Secondment, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("secondment")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="entries", verbose_name=_("item")
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        verbose_name = _("intake checklist entry")
        verbose_name_plural = _("intake checklist entries")
        ordering = ["item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["secondment", "item"], name="checklist_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.secondment_id} {self.item.name}"


class Talk(models.Model):
    """A talk with the cadre (谈心谈话)."""

    secondment = models.ForeignKey(
        Secondment, on_delete=models.PROTECT, related_name="talks", verbose_name=_("secondment")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=TalkKind.choices)
    talker = models.CharField(_("talked with the cadre"), max_length=100)
    talker_role = models.CharField(_("in the role of"), max_length=20, choices=TalkerRole.choices)
    issues_thinking = LimitedTextField(_("issues raised: thinking"), max_length=TEXT, blank=True)
    issues_work = LimitedTextField(_("issues raised: work"), max_length=TEXT, blank=True)
    issues_living = LimitedTextField(_("issues raised: living"), max_length=TEXT, blank=True)
    actions_taken = LimitedTextField(_("what was done"), max_length=TEXT, blank=True)
    follow_up = LimitedTextField(_("follow-up"), max_length=TEXT, blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("follow-up done on"), null=True, blank=True)
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
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["secondment", "-date"], name="talk_secondment_date_idx"),
            # The dashboard's watches read talks by date, and the follow-ups still open.
            models.Index(fields=["date", "secondment"], name="talk_date_secondment_idx"),
            models.Index(
                fields=["follow_up_due", "secondment"],
                condition=Q(follow_up_done_on__isnull=True) & ~Q(follow_up=""),
                name="talk_open_follow_up_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} {self.get_kind_display()} {self.date}"

    @property
    def follow_up_overdue(self) -> bool:
        """A follow-up not done by its due date."""
        return (
            bool(self.follow_up)
            and self.follow_up_due is not None
            and self.follow_up_done_on is None
            and self.follow_up_due < timezone.localdate()
        )


class Leave(models.Model):
    """A leave request and its reporting back (请销假)."""

    secondment = models.ForeignKey(
        Secondment, on_delete=models.PROTECT, related_name="leaves", verbose_name=_("secondment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LeaveKind.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    days = models.PositiveSmallIntegerField(_("days"))
    reason = LimitedTextField(_("reason"), max_length=NOTE, blank=True)
    approval_tier = models.CharField(_("approved by"), max_length=20, choices=ApprovalTier.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=LeaveStatus.choices, default=LeaveStatus.REQUESTED, db_index=True
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approver"),
    )
    approver_name = models.CharField(_("approved by (outside the system)"), max_length=100, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = LimitedTextField(_("decision note"), max_length=NOTE, blank=True)
    reported_back_on = models.DateField(_("reported back on"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="leave_end_after_start",
                violation_error_message=_("Leave cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["secondment", "start_date"], name="leave_secondment_start_idx"),
            # The dashboard's watch on approved leave not reported back; status leads so that
            # SQLite prefers it to the plain status index without statistics.
            models.Index(
                fields=["status", "end_date", "secondment"],
                condition=Q(reported_back_on__isnull=True),
                name="leave_not_back_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} {self.get_kind_display()} {self.start_date}—{self.end_date}"

    @property
    def due_back_on(self) -> datetime.date:
        """The day the cadre should report back: the day after the leave's last day."""
        return self.end_date + datetime.timedelta(days=1)

    @property
    def awaiting_return(self) -> bool:
        return self.status == LeaveStatus.APPROVED and self.reported_back_on is None

    @property
    def overstayed(self) -> bool:
        """Back later than the leave's last day, or not back and the leave is over."""
        if self.status != LeaveStatus.APPROVED:
            return False
        if self.reported_back_on is not None:
            return self.reported_back_on > self.end_date + datetime.timedelta(days=1)
        return timezone.localdate() > self.end_date + datetime.timedelta(days=1)


class ReminderLog(models.Model):
    """One item of a reminder digest sent to one person, so it is not sent again too soon."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    key = models.CharField(_("item"), max_length=120)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["user", "key", "sent_at"], name="reminder_user_key_sent_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.key} {self.sent_at:%Y-%m-%d}"
