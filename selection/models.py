"""A selection cycle (选派批次), the county's needs in it and the sending units' nominations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assignments.choices import ExpectedLevel
from assignments.models import Post, Secondment
from cadres.models import Cadre, Specialty, Unit
from guazhi.fields import TEXT, LimitedTextField

from .choices import LIVE_NOMINATIONS, CycleStatus, NominationStatus


class SelectionCycle(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True, help_text=_("e.g. 2027年省派第一批"))
    status = models.CharField(
        _("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.DRAFT, db_index=True
    )
    deadline = models.DateField(_("nominations due by"))
    term_start = models.DateField(_("term start"))
    # Empty: the cycle is addressed to every sending unit.
    addressed_units = models.ManyToManyField(
        Unit, blank=True, related_name="selection_cycles", verbose_name=_("addressed sending units")
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("selection cycle")
        verbose_name_plural = _("selection cycles")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("selection:cycle_detail", args=[self.pk])


class Need(models.Model):
    """A post the county asks a cadre for (需求): an existing post, or one to be created."""

    cycle = models.ForeignKey(
        SelectionCycle, on_delete=models.CASCADE, related_name="needs", verbose_name=_("selection cycle")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="needs", verbose_name=_("receiving unit")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, null=True, blank=True, related_name="needs", verbose_name=_("post")
    )
    new_post_title = models.CharField(_("title of the post to be created"), max_length=100, blank=True)
    count = models.PositiveSmallIntegerField(_("how many"), default=1)
    level = models.CharField(
        _("level wanted"), max_length=10, choices=ExpectedLevel.choices, default=ExpectedLevel.ANY
    )
    specialties = models.ManyToManyField(
        Specialty, blank=True, related_name="needs", verbose_name=_("wanted specialties")
    )
    duties = LimitedTextField(_("portfolio on offer"), max_length=TEXT, blank=True)
    term_months = models.PositiveSmallIntegerField(_("term (months)"), default=24)
    reason = LimitedTextField(_("why the county needs it"), max_length=TEXT, blank=True)
    economic = models.BooleanField(_("economic department"), default=False)
    broad_scope = models.BooleanField(_("broad scope"), default=False)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["cycle", "unit__name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="need_count_at_least_one"),
            models.CheckConstraint(
                condition=Q(post__isnull=False) | ~Q(new_post_title=""), name="need_names_a_post"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("selection:need_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return self.post.title if self.post_id else self.new_post_title


class Nomination(models.Model):
    """A sending unit's candidate for a need (推荐人选)."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("need")
    )
    cadre = models.ForeignKey(
        Cadre, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("cadre")
    )
    sending_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("sending unit")
    )
    reason = LimitedTextField(_("why they fit"), max_length=TEXT)
    attachment = models.FileField(_("attachment"), upload_to="nominations/%Y/", blank=True)
    # The 干部任免审批表 the new cadre's form was filled from, kept as read.
    lrmx_file = models.FileField(_("干部任免审批表 file"), upload_to="nominations/%Y/", blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.PROPOSED,
        db_index=True,
    )
    decision_reason = LimitedTextField(_("reason for the decision"), max_length=TEXT, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    secondment = models.OneToOneField(
        Secondment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nomination",
        verbose_name=_("secondment"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("nominated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["need", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "cadre"],
                condition=Q(status__in=LIVE_NOMINATIONS),
                name="nomination_one_live_per_need_and_cadre",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cadre.name} → {self.need}"


class Message(models.Model):
    """A message (沟通磋商) on a nomination's thread, among staff, the nominating unit's liaison and
    the receiving unit's leader; or on a need's own thread, among whoever reads the need (staff,
    the liaisons of the units the cycle is addressed to, the receiving unit's leader)."""

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("nomination"),
    )
    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, null=True, blank=True, related_name="messages", verbose_name=_("need")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = LimitedTextField(_("message"), max_length=TEXT)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nomination__isnull=True) ^ Q(need__isnull=True), name="message_on_one_thread"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:30]


class ThreadRead(models.Model):
    """When a user last read a nomination's (or a need's own) thread: later messages of others are
    unread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, null=True, blank=True, related_name="reads"
    )
    need = models.ForeignKey(Need, on_delete=models.CASCADE, null=True, blank=True, related_name="reads")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "nomination"], name="thread_read_once_per_user"),
            models.UniqueConstraint(fields=["user", "need"], name="need_thread_read_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.nomination_id}"
