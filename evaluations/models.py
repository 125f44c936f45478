from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_cleanup import cleanup
from simple_history.models import HistoricalRecords

from assignments.models import Secondment
from cadres.models import Unit
from guazhi.checklists import ChecklistItemBase, ChecklistStepBase
from guazhi.fields import LONG_TEXT, NOTE, TEXT, LimitedTextField

from .choices import (
    ASPECTS,
    FED_BACK_STATUSES,
    ROUTINE_GRADES,
    TO_FILE,
    AppraisalStatus,
    Grade,
    Rating,
    ReviewStatus,
    RoundKind,
    RoundStatus,
    grade_choices,
)


class AppraisalRound(models.Model):
    """An appraisal round (考核批次): one pending appraisal per eligible secondment when opened."""

    title = models.CharField(_("title"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN, db_index=True
    )
    note = LimitedTextField(_("note"), max_length=NOTE, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal round")
        verbose_name_plural = _("appraisal rounds")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="round_period_end_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:round_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class Appraisal(models.Model):
    """One secondment's appraisal in a round, or the receiving unit's end-of-term appraisal (考核)."""

    secondment = models.ForeignKey(
        Secondment, on_delete=models.PROTECT, related_name="appraisals", verbose_name=_("secondment")
    )
    round = models.ForeignKey(
        AppraisalRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisals",
        verbose_name=_("appraisal round"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    # The receiving unit when the appraisal was opened: its leaders file it.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="appraisals", verbose_name=_("receiving unit")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppraisalStatus.choices,
        default=AppraisalStatus.PENDING,
        db_index=True,
    )
    morality = models.CharField(_("morality (德)"), max_length=20, choices=Rating.choices, blank=True)
    morality_remarks = LimitedTextField(_("remarks on morality"), max_length=NOTE, blank=True)
    ability = models.CharField(_("ability (能)"), max_length=20, choices=Rating.choices, blank=True)
    ability_remarks = LimitedTextField(_("remarks on ability"), max_length=NOTE, blank=True)
    diligence = models.CharField(_("diligence (勤)"), max_length=20, choices=Rating.choices, blank=True)
    diligence_remarks = LimitedTextField(_("remarks on diligence"), max_length=NOTE, blank=True)
    achievement = models.CharField(_("achievement (绩)"), max_length=20, choices=Rating.choices, blank=True)
    achievement_remarks = LimitedTextField(_("remarks on achievement"), max_length=NOTE, blank=True)
    integrity = models.CharField(_("integrity (廉)"), max_length=20, choices=Rating.choices, blank=True)
    integrity_remarks = LimitedTextField(_("remarks on integrity"), max_length=NOTE, blank=True)
    grade = models.CharField(_("overall grade"), max_length=20, choices=Grade.choices, blank=True)
    ungraded_reason = LimitedTextField(_("why no grade is given"), max_length=NOTE, blank=True)
    strengths = LimitedTextField(_("strengths"), max_length=TEXT, blank=True)
    weaknesses = LimitedTextField(_("weaknesses"), max_length=TEXT, blank=True)
    hopes = LimitedTextField(_("hopes"), max_length=TEXT, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True)
    # Filed by the organization department on the receiving unit's behalf (代为录入).
    on_behalf = models.BooleanField(_("filed on the unit's behalf (代为录入)"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    return_reason = LimitedTextField(_("reason for returning"), max_length=NOTE, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-due_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "secondment"],
                name="appraisal_once_per_round",
                violation_error_message=_("This secondment is already in the round."),
            ),
            models.CheckConstraint(
                condition=~Q(grade=Grade.UNGRADED) | ~Q(ungraded_reason=""),
                name="appraisal_ungraded_needs_reason",
                violation_error_message=_("Give the reason why no grade is given."),
            ),
            models.CheckConstraint(
                condition=(Q(kind=RoundKind.ROUTINE) & Q(grade__in=["", *ROUTINE_GRADES]))
                | (~Q(kind=RoundKind.ROUTINE) & ~Q(grade__in=ROUTINE_GRADES)),
                name="appraisal_grade_of_its_kind",
                violation_error_message=_("The grade is not one this kind of appraisal is given."),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status"], name="appraisal_unit_status_idx"),
            models.Index(fields=["secondment", "due_date"], name="appraisal_secondment_due_idx"),
            # The county summary counts confirmed grades per round from this index alone.
            models.Index(fields=["status", "round", "grade", "secondment"], name="appraisal_grades_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:appraisal_detail", args=[self.pk])

    def on_behalf_text(self) -> str:
        """How the page and the printed form say who filed it for the unit: （组织部李明华代为录入）."""
        if not self.on_behalf:
            return ""
        from guazhi.people import person_name

        return _("(filed on the unit's behalf by %(name)s of the organization department, 代为录入)") % {
            "name": person_name(self.filed_by) if self.filed_by_id else "—"
        }

    @property
    def title(self) -> str:
        return self.round.title if self.round_id else str(RoundKind(self.kind).label)

    @property
    def to_file(self) -> bool:
        return self.status in TO_FILE

    def ratings(self) -> list[tuple[str, str, str]]:
        """The five aspects as (label, rating, remarks), in the order 德能勤绩廉."""
        rows = []
        for aspect in ASPECTS:
            field = self._meta.get_field(aspect)
            rows.append(
                (
                    str(field.verbose_name),
                    getattr(self, f"get_{aspect}_display")(),
                    getattr(self, f"{aspect}_remarks"),
                )
            )
        return rows


# A replaced or removed self-summary file is deleted once the change commits.
@cleanup.select
class TermReview(models.Model):
    """The end-of-term review of one secondment (期满考核); read-only once archived."""

    secondment = models.OneToOneField(
        Secondment, on_delete=models.PROTECT, related_name="term_review", verbose_name=_("secondment")
    )
    appraisal = models.OneToOneField(
        Appraisal,
        on_delete=models.PROTECT,
        related_name="term_review",
        verbose_name=_("receiving unit's end-of-term appraisal"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.COLLECTING,
        db_index=True,
    )
    self_summary = LimitedTextField(_("self-summary"), max_length=LONG_TEXT, blank=True)
    self_summary_file = models.FileField(_("self-summary file"), upload_to="self_summaries/%Y/", blank=True)
    self_summary_filename = models.CharField(_("file name"), max_length=200, blank=True)
    self_summary_on = models.DateField(_("self-summary received on"), null=True, blank=True)
    raters = models.PositiveIntegerField(_("number of raters"), null=True, blank=True)
    votes_excellent = models.PositiveIntegerField(_("votes for excellent"), default=0)
    votes_competent = models.PositiveIntegerField(_("votes for competent"), default=0)
    votes_basically_competent = models.PositiveIntegerField(_("votes for basically competent"), default=0)
    votes_incompetent = models.PositiveIntegerField(_("votes for incompetent"), default=0)
    rated_on = models.DateField(_("democratic rating held on"), null=True, blank=True)
    org_opinion = LimitedTextField(_("organization department's opinion"), max_length=TEXT, blank=True)
    final_grade = models.CharField(
        _("final grade"), max_length=20, choices=grade_choices(RoundKind.TERM_END), blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    fed_back_on = models.DateField(_("fed back to the sending unit on"), null=True, blank=True)
    # The sending unit's receipt (回执) of the feedback letter (反馈函).
    acknowledged_on = models.DateField(_("receipt confirmed on"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receipt confirmed by"),
    )
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    # Why staff archived the review while intake or exit steps were still open (empty when none was).
    open_items_reason = LimitedTextField(_("why archived with steps still open"), max_length=NOTE, blank=True)
    # Attendance as it stood when the review was archived, so the file never changes afterwards.
    attendance_snapshot = models.JSONField(_("attendance when archived"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    # The snapshot is derived from the leave records, which keep their own history.
    history = HistoricalRecords(excluded_fields=["attendance_snapshot"])
    # The file is stored under a random name; its history shows the name it was uploaded under.
    file_name_fields = {"self_summary_file": "self_summary_filename"}

    class Meta:
        verbose_name = _("end-of-term review")
        verbose_name_plural = _("end-of-term reviews")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(raters__isnull=True)
                | Q(
                    raters=F("votes_excellent")
                    + F("votes_competent")
                    + F("votes_basically_competent")
                    + F("votes_incompetent")
                ),
                name="review_votes_add_up_to_raters",
                violation_error_message=_("The votes for each grade must add up to the number of raters."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.secondment.cadre.name} · {RoundKind.TERM_END.label}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:review_detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.status == ReviewStatus.ARCHIVED

    @property
    def is_fed_back(self) -> bool:
        return self.status in FED_BACK_STATUSES

    @property
    def has_self_summary(self) -> bool:
        return bool(self.self_summary.strip() or self.self_summary_file)

    @property
    def has_rating(self) -> bool:
        return self.raters is not None

    def votes(self) -> list[tuple[str, int]]:
        return [
            (Grade.EXCELLENT.label, self.votes_excellent),
            (Grade.COMPETENT.label, self.votes_competent),
            (Grade.BASICALLY_COMPETENT.label, self.votes_basically_competent),
            (Grade.INCOMPETENT.label, self.votes_incompetent),
        ]


class ExitChecklistItem(ChecklistItemBase):
    """A leaving step every review goes through (离任手续); reference data, like the intake checklist."""

    class Meta(ChecklistItemBase.Meta):
        verbose_name = _("exit checklist item")
        verbose_name_plural = _("exit checklist items")


class ExitChecklistEntry(ChecklistStepBase):
    """One leaving step of one review: open until staff tick it on the review page."""

    review = models.ForeignKey(
        TermReview,
        on_delete=models.CASCADE,
        related_name="exit_checklist",
        verbose_name=_("end-of-term review"),
    )
    item = models.ForeignKey(
        ExitChecklistItem, on_delete=models.PROTECT, related_name="entries", verbose_name=_("item")
    )

    class Meta(ChecklistStepBase.Meta):
        verbose_name = _("exit checklist entry")
        verbose_name_plural = _("exit checklist entries")
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="exit_checklist_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.review_id} {self.item.name}"
