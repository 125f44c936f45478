"""In-term care: talks, leave, and the reminders sent about them."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guazhi.dates import long_date
from guazhi.fields import NOTE, TEXT, LimitedTextField

from ..choices import (
    ApprovalTier,
    LeaveKind,
    LeaveStatus,
    TalkerRole,
    TalkKind,
)
from .secondments import Secondment


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
        return f"{self.secondment.cadre.name} {self.get_kind_display()} {long_date(self.date)}"

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
    # Decided by the organization department on the receiving unit's behalf (代为录入).
    decided_on_behalf = models.BooleanField(_("decided on the unit's behalf (代为录入)"), default=False)
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
        return (
            f"{self.secondment.cadre.name} {self.get_kind_display()} "
            f"{long_date(self.start_date)}—{long_date(self.end_date)}"
        )

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
        return f"{self.user} {self.key} {long_date(self.sent_at)}"
