from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    INVESTMENT = "investment", _("Investment promotion (招商引资)")
    CONSTRUCTION = "construction", _("Project construction (项目建设)")
    LIVELIHOOD = "livelihood", _("People's livelihood (民生)")
    REFORM = "reform", _("Reform (改革)")
    OTHER = "other", _("Other (其他)")


class ProjectRole(models.TextChoices):
    LEADS = "leads", _("Leads (主持)")
    CARRIES = "carries", _("Carries (承担)")
    TAKES_PART = "takes_part", _("Takes part (参与)")
