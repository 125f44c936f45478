"""What the intake (报到手续) and exit (离任手续) checklists share: a step of reference data, and a step
of one term ticked done on a day by someone. Each app adds what ties its steps to its records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChecklistItemBase(models.Model):
    """A step every term goes through, listed in order; one no longer in use is not opened any more."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ChecklistStepBase(models.Model):
    """One step of one term: open until it is ticked, with the day and who ticked it. The subclass names
    its ``item``."""

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
        abstract = True
        ordering = ["item__order", "item_id"]
