import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_cleanup import cleanup
from simple_history.models import HistoricalRecords

from guazhi.fields import LONG_TEXT, TEXT, LimitedTextField

from .choices import (
    LEVEL_BUCKET_OF_GRADE,
    LEVEL_BUCKET_OF_LEADERSHIP_LEVEL,
    Degree,
    Education,
    Ethnicity,
    Gender,
    Grade,
    LeadershipLevel,
    LevelBucket,
    MembershipRole,
    PoliticalStatus,
    UnitTier,
)
from .pinyin import name_initials, name_pinyin
from .validators import id_number_validator


class Unit(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    tier = models.CharField(_("tier"), max_length=20, choices=UnitTier.choices)
    sends = models.BooleanField(_("sends cadres"), default=False)
    receives = models.BooleanField(_("receives cadres"), default=False)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cadres:unit_detail", args=[self.pk])


class UnitMembership(models.Model):
    """A user who acts for a unit: its leader files appraisals, its liaison reads."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)
    # Who was given, and who lost, the right to act for a unit, and by whom.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"


class Specialty(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def _level_bucket_expression() -> Case:
    by_level = [
        When(leadership_level=level, then=Value(bucket.value))
        for level, bucket in LEVEL_BUCKET_OF_LEADERSHIP_LEVEL.items()
    ]
    by_grade = [
        When(leadership_level="", grade=grade, then=Value(bucket.value))
        for grade, bucket in LEVEL_BUCKET_OF_GRADE.items()
    ]
    return Case(*by_level, *by_grade, default=Value(LevelBucket.OTHER.value))


@cleanup.select
class Cadre(models.Model):
    """A seconded cadre, with the facts of the 干部任免审批表."""

    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    ethnicity = models.CharField(
        _("ethnicity"), max_length=2, choices=Ethnicity.choices, default=Ethnicity.HAN
    )
    birthplace = models.CharField(_("native place"), max_length=50, blank=True)
    place_of_birth = models.CharField(_("place of birth"), max_length=50, blank=True)
    political_status = models.CharField(_("political status"), max_length=2, choices=PoliticalStatus.choices)
    party_join_date = models.DateField(_("date joined the party"), null=True, blank=True)
    work_start_date = models.DateField(_("date started work"), null=True, blank=True)
    # As the 审批表 writes it: 健康, 良好, 一般 or a short note.
    health = models.CharField(_("health"), max_length=50, blank=True)
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    degree = models.CharField(_("degree"), max_length=10, choices=Degree.choices, blank=True)
    school = models.CharField(_("school"), max_length=100, blank=True)
    major = models.CharField(_("major"), max_length=100, blank=True)
    inservice_education = models.CharField(
        _("in-service education"), max_length=20, choices=Education.choices, blank=True
    )
    inservice_degree = models.CharField(
        _("in-service degree"), max_length=10, choices=Degree.choices, blank=True
    )
    inservice_school = models.CharField(_("in-service school"), max_length=100, blank=True)
    inservice_major = models.CharField(_("in-service major"), max_length=100, blank=True)
    professional_title = models.CharField(_("professional title"), max_length=100, blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True, validators=[id_number_validator])
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    leadership_level = models.CharField(
        _("leadership level"), max_length=30, choices=LeadershipLevel.choices, blank=True
    )
    grade = models.CharField(_("civil-service grade"), max_length=30, choices=Grade.choices, blank=True)
    level_bucket = models.GeneratedField(
        expression=_level_bucket_expression(),
        output_field=models.CharField(_("level bucket"), max_length=10, choices=LevelBucket.choices),
        db_persist=True,
        verbose_name=_("level bucket"),
    )
    home_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="home_cadres", verbose_name=_("home unit")
    )
    home_position = models.CharField(_("position in home unit"), max_length=100, blank=True)
    specialties = models.ManyToManyField(
        Specialty, blank=True, related_name="cadres", verbose_name=_("specialties")
    )
    resume = LimitedTextField(_("résumé"), max_length=LONG_TEXT, blank=True)
    rewards = LimitedTextField(_("rewards and punishments"), max_length=TEXT, blank=True)
    annual_appraisals = LimitedTextField(_("annual appraisal results"), max_length=TEXT, blank=True)
    # Checked by cadres.photos before it is kept; served only by the photo view, to those who may see the cadre.
    photo = models.FileField(_("photograph"), upload_to="cadre_photos/%Y/", blank=True)
    wishes = LimitedTextField(_("wishes"), max_length=TEXT, blank=True)
    family_location = models.CharField(_("family location"), max_length=100, blank=True)
    # The cadre's own login (the cadre role): one per cadre, given by staff from the cadre's page.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="own_cadre",
        verbose_name=_("own login"),
    )
    name_pinyin = models.CharField(_("name in pinyin"), max_length=200, editable=False, db_index=True)
    name_initials = models.CharField(_("pinyin initials"), max_length=60, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["level_bucket", "name_pinyin", "name_initials"])

    class Meta:
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        ordering = ["name_pinyin", "id"]
        permissions = [("org_staff", _("Works in the organization department"))]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~Q(id_number=""),
                name="unique_id_number_when_present",
                violation_error_message=_("A cadre with this ID number already exists."),
            ),
            models.CheckConstraint(
                condition=Q(birth_date__gt=datetime.date(1900, 1, 1)),
                name="birth_date_after_1900",
                violation_error_message=_("The birth date must be after 1900."),
            ),
            models.CheckConstraint(
                condition=Q(work_start_date__isnull=True) | Q(work_start_date__gt=models.F("birth_date")),
                name="work_start_after_birth",
                violation_error_message=_("The date started work must be after the birth date."),
            ),
            models.CheckConstraint(
                condition=Q(party_join_date__isnull=True) | Q(party_join_date__gt=models.F("birth_date")),
                name="party_join_after_birth",
                violation_error_message=_("The date joined the party must be after the birth date."),
            ),
        ]
        indexes = [
            models.Index(fields=["level_bucket"], name="cadre_level_bucket_idx"),
            # The cadre list's order: any page, the last included, is read from the index.
            models.Index(fields=["name_pinyin", "id"], name="cadre_list_order_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    # The search columns: a function of the name, written with it (see fill_search_columns).
    SEARCH_COLUMNS = ("name_pinyin", "name_initials")

    def save(self, *args, **kwargs):
        self.fill_search_columns()
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.SEARCH_COLUMNS}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cadres:cadre_detail", args=[self.pk])

    def fill_search_columns(self) -> None:
        """Spell the name into its search columns; every write of a cadre does, bulk ones included."""
        self.name_pinyin = name_pinyin(self.name)
        self.name_initials = name_initials(self.name)

    def get_level_bucket_display(self) -> str:
        return LevelBucket(self.level_bucket).label if self.level_bucket else ""


class FamilyMember(models.Model):
    """A line of the form's table of family members and important social relations."""

    cadre = models.ForeignKey(
        Cadre, on_delete=models.CASCADE, related_name="family_members", verbose_name=_("cadre")
    )
    position = models.PositiveSmallIntegerField(_("order in the table"), default=0)
    relation = models.CharField(_("relation"), max_length=20)
    name = models.CharField(_("full name"), max_length=50)
    birth_date = models.DateField(_("birth month"), null=True, blank=True)
    political_status = models.CharField(_("political status"), max_length=30, blank=True)
    work = models.CharField(_("work unit and position"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        ordering = ["cadre", "position", "id"]

    def __str__(self) -> str:
        return f"{self.relation} {self.name}"


class Account(models.Model):
    """What the county keeps about a login besides Django's user: whether its holder must choose a new
    password at the next login (after staff set one), and whether it is active. Its history records
    who created, reset or deactivated the account, and when."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account", verbose_name=_("user")
    )
    must_change_password = models.BooleanField(_("must change the password at the next login"), default=False)
    active = models.BooleanField(_("account active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return str(self.user)
