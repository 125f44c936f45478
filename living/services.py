"""Every write of 生活保障: the living arrangements of a term and the care visits paid to the cadre.

Keyword-only arguments, one transaction each, the secondment read again under a row lock, history
under the user who acted, a line on the secondment's timeline; a refused step is a
``TransitionError`` in Chinese, naming the field it is about.
"""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.choices import IN_COUNTY_STATUSES, ChecklistTrigger, EventAction
from assignments.models import Secondment
from assignments.services import record_event, tick_intake
from guazhi.dates import long_date
from guazhi.workflow import TransitionError, acting_user

from .choices import PROVIDED_HOUSING, ResponsibleUnit
from .models import CareVisit, LifeSupport

PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,28}$")

# What the life support form records, and what a correction of a visit may change.
LIFE_SUPPORT_FIELDS = (
    "housing",
    "address",
    "housing_from",
    "meals",
    "transport",
    "responsible_unit",
    "responsible_unit_name",
    "contact_name",
    "contact_phone",
)
VISIT_FIELDS = ("date", "kind", "visitors", "notes")


def _refuse(field: str, message: str) -> None:
    raise TransitionError(message, fields={field: message})


def _lock(secondment: Secondment) -> Secondment:
    """The secondment under a row lock, while the cadre is in the county."""
    secondment = Secondment.objects.select_for_update().select_related("cadre").get(pk=secondment.pk)
    if secondment.status not in IN_COUNTY_STATUSES:
        raise TransitionError(
            _("Life support is kept while the cadre is in the county; %(name)s's secondment is %(status)s.")
            % {"name": secondment.cadre.name, "status": secondment.get_status_display()}
        )
    return secondment


def _check_day(secondment: Secondment, field: str, day: datetime.date) -> None:
    """A day something happened: not in the future, not before the cadre reported."""
    if day > timezone.localdate():
        _refuse(field, _("The date cannot be in the future."))
    if day < secondment.in_county_from:
        _refuse(
            field,
            _("The date cannot be before %(date)s, when the cadre reported.")
            % {"date": long_date(secondment.in_county_from)},
        )


def _check_life_support(secondment: Secondment, support: LifeSupport, had_housing: bool) -> None:
    if support.housing:
        if support.housing in PROVIDED_HOUSING and not support.address:
            _refuse("address", _("Give the address of the housing."))
        if support.housing_from is None:
            _refuse("housing_from", _("Say from when the cadre is housed."))
        _check_day(secondment, "housing_from", support.housing_from)
    elif had_housing:
        _refuse("housing", _("Housing once recorded can be changed, not removed."))
    elif support.address or support.housing_from:
        _refuse("housing", _("Choose the kind of housing, or leave the address and date empty."))
    if not support.responsible_unit:
        _refuse("responsible_unit", _("Say which unit is responsible."))
    if support.responsible_unit == ResponsibleUnit.OTHER and not support.responsible_unit_name:
        _refuse("responsible_unit_name", _("Name the unit responsible."))
    if not support.contact_name:
        _refuse("contact_name", _("Name the contact person."))
    if not PHONE.match(support.contact_phone):
        _refuse("contact_phone", _("Give a phone number of digits, e.g. 0731-84561234 or 13812345678."))


def _summary(support: LifeSupport) -> str:
    if not support.housing:
        housing = _("housing not settled yet")
    else:
        housing = _("%(housing)s %(address)s from %(date)s") % {
            "housing": support.get_housing_display(),
            "address": support.address,
            "date": long_date(support.housing_from),
        }
    unit = support.responsible_unit_name or support.get_responsible_unit_display()
    return _("%(housing)s; responsible: %(unit)s, %(contact)s") % {
        "housing": " ".join(housing.split()),
        "unit": unit,
        "contact": support.contact_name,
    }


@transaction.atomic
def record_life_support(*, secondment: Secondment, actor, **fields) -> LifeSupport:
    """Record or update the living arrangements (``fields``, among ``LIFE_SUPPORT_FIELDS``) of a cadre
    in the county. Housing recorded ticks the intake step 生活安排落实 and clears 生活未落实; once on
    file it can be changed but not removed."""
    unknown = set(fields) - set(LIFE_SUPPORT_FIELDS)
    if unknown:
        raise ValueError(f"record_life_support does not change {sorted(unknown)}")
    secondment = _lock(secondment)
    support = LifeSupport.objects.select_for_update().filter(secondment=secondment).first()
    created = support is None
    support = support or LifeSupport(secondment=secondment)
    had_housing = bool(support.housing)
    for name, value in fields.items():
        setattr(support, name, value.strip() if isinstance(value, str) else value)
    if support.responsible_unit != ResponsibleUnit.OTHER:
        support.responsible_unit_name = ""
    _check_life_support(secondment, support, had_housing)
    support.recorded_by = acting_user(actor)
    support._history_user = acting_user(actor)
    support.save()
    if support.housing:
        tick_intake(secondment, ChecklistTrigger.HOUSING, support.housing_from, actor)
    note = (_("Recorded: %(summary)s") if created else _("Changed: %(summary)s")) % {
        "summary": _summary(support)
    }
    record_event(secondment=secondment, action=EventAction.LIVING, actor=actor, note=note)
    return support


def _check_visit(secondment: Secondment, visit: CareVisit) -> None:
    _check_day(secondment, "date", visit.date)
    if not visit.visitors:
        _refuse("visitors", _("Say who visited the cadre."))


@transaction.atomic
def record_care_visit(
    *, secondment: Secondment, date: datetime.date, kind: str, visitors: str, actor, notes: str = ""
) -> CareVisit:
    """Record a visit paid to a cadre in the county (节日慰问、家访、走访), with who came."""
    secondment = _lock(secondment)
    visit = CareVisit(
        secondment=secondment,
        date=date,
        kind=kind,
        visitors=visitors.strip(),
        notes=notes.strip(),
        recorded_by=acting_user(actor),
    )
    _check_visit(secondment, visit)
    visit._history_user = acting_user(actor)
    visit.save()
    record_event(
        secondment=secondment,
        action=EventAction.CARE_VISIT,
        actor=actor,
        note=_("%(kind)s on %(date)s by %(visitors)s")
        % {"kind": visit.get_kind_display(), "date": long_date(date), "visitors": visit.visitors},
    )
    return visit


@transaction.atomic
def correct_care_visit(*, visit: CareVisit, actor, **fields) -> CareVisit:
    """Correct a recorded visit (``fields``, among ``VISIT_FIELDS``) by the rules a visit is recorded
    by; the change history keeps who and when."""
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise ValueError(f"correct_care_visit does not change {sorted(unknown)}")
    secondment = _lock(visit.secondment)
    visit = CareVisit.objects.select_for_update().get(pk=visit.pk)
    for name, value in fields.items():
        setattr(visit, name, value.strip() if isinstance(value, str) else value)
    _check_visit(secondment, visit)
    visit._history_user = acting_user(actor)
    visit.save(update_fields=list(fields))
    return visit


@transaction.atomic
def remove_care_visit(*, visit: CareVisit, actor) -> None:
    """Remove a visit recorded by mistake; the change history keeps it."""
    secondment = _lock(visit.secondment)
    visit = CareVisit.objects.select_for_update().get(pk=visit.pk)
    visit._history_user = acting_user(actor)
    visit.delete()
    record_event(
        secondment=secondment,
        action=EventAction.CARE_VISIT,
        actor=actor,
        note=_("Removed: %(kind)s on %(date)s")
        % {"kind": visit.get_kind_display(), "date": long_date(visit.date)},
    )
