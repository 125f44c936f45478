from django.db import models
from django.utils.translation import gettext_lazy as _


class HousingKind(models.TextChoices):
    DORMITORY = "dormitory", _("Dormitory")
    TRANSITIONAL = "transitional", _("Transitional flat")
    OWN_ARRANGEMENT = "own_arrangement", _("Arranged by the cadre")


# Housing the county provides: where it is must be on file.
PROVIDED_HOUSING = (HousingKind.DORMITORY, HousingKind.TRANSITIONAL)


class ResponsibleUnit(models.TextChoices):
    AFFAIRS_BUREAU = "affairs_bureau", _("Government offices administration")
    RECEIVING_UNIT = "receiving_unit", _("The receiving unit")
    OTHER = "other", _("Another unit")


class CareVisitKind(models.TextChoices):
    FESTIVAL = "festival", _("Festival visit")
    HOME = "home", _("Home visit")
    CALL = "call", _("Call on the cadre")
