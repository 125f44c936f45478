"""The daily reminders: one digest per person of what they can act on, in Chinese.

Each person gets the watches of the dashboard over the secondments they see
(staff everything, leaders their unit, liaisons the cadres their unit sent).
An item is keyed by watch, secondment and the date that explains it, so a new
neglect is a new item; an item sent within GUAZHI_REMINDER_REPEAT_DAYS is left
out, and a person with nothing new gets no mail.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from assignments.models import ReminderLog
from guazhi.access import ORG_STAFF_PERMISSION, is_org_staff
from guazhi.dates import long_date
from guazhi.people import person_name
from selection.reports import selection_alerts
from selection.selectors import unread_threads

from .unit_watch import UnitWatch, unit_watch_counts
from .watch import Watch, WatchRow, ending_windows, watch_queryset, watch_rows, watches

# A digest lists at most this many items of one watch; the rest are a count and a link.
MAX_ITEMS_PER_WATCH = 30
LANGUAGE = "zh-hans"


@dataclass
class DigestItem:
    key: str
    row: WatchRow
    url: str


@dataclass
class DigestSection:
    watch: Watch
    items: list[DigestItem]
    more: int = 0

    @property
    def url(self) -> str:
        return settings.SITE_URL + self.watch.url


@dataclass
class UnitDigestItem:
    key: str
    name: str
    url: str


@dataclass
class UnitDigestSection:
    """Units nobody answers for (staff only): see ``unit_watch``."""

    watch: UnitWatch
    items: list[UnitDigestItem]


@dataclass
class Digest:
    user: object
    sections: list[DigestSection] = field(default_factory=list)
    unit_sections: list[UnitDigestSection] = field(default_factory=list)
    # The needs whose nomination threads (沟通磋商) hold messages the user has not read, with how many.
    unread: list = field(default_factory=list)
    # Staff only: needs nobody was put forward for as the deadline nears, nominations left undecided.
    needs_without_nominee: list[UnitDigestItem] = field(default_factory=list)
    nominations_waiting: list[UnitDigestItem] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        listed = [item.key for section in [*self.sections, *self.unit_sections] for item in section.items]
        return [*listed, *(item.key for item in [*self.needs_without_nominee, *self.nominations_waiting])]

    @property
    def greeting_name(self) -> str:
        return person_name(self.user)

    def subject(self, today: datetime.date) -> str:
        return _("[Seconded cadres] %(count)d item(s) need attention (%(date)s)") % {
            "count": len(self.keys) + len(self.unread),
            "date": long_date(today),
        }

    def body(self, today: datetime.date) -> str:
        return render_to_string(
            "oversight/email/reminder_digest.txt",
            {
                "digest": self,
                "today": today,
                "site_url": settings.SITE_URL,
                "repeat_days": settings.GUAZHI["REMINDER_REPEAT_DAYS"],
            },
        )


def recipients() -> QuerySet:
    """Active people with an email address who act in the workflow: staff, unit leaders, liaisons."""
    app_label, codename = ORG_STAFF_PERMISSION.split(".")
    staff = Q(
        groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label
    ) | Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(staff | Q(memberships__isnull=False))
        .distinct()
        .order_by("username")
    )


def _item_key(watch: Watch, row: WatchRow) -> str:
    return f"{watch.key}:{row.secondment.pk}:{row.date.isoformat() if row.date else ''}"


def build_digest(user, today: datetime.date, now: datetime.datetime) -> Digest | None:
    """The user's digest of items not sent within the repeat window, or None when nothing is new."""
    repeat = datetime.timedelta(days=settings.GUAZHI["REMINDER_REPEAT_DAYS"])
    recent = set(
        ReminderLog.objects.filter(user=user, sent_at__gt=now - repeat).values_list("key", flat=True)
    )
    found: dict[str, list[WatchRow]] = {}
    for watch in watches():
        found[watch.key] = watch_rows(watch, watch_queryset(user, watch.key, today), today)
    # A term in a narrower 'ending within' window is not listed again in the wider ones.
    seen: set[int] = set()
    for days in sorted(ending_windows()):
        key = f"ending_{days}"
        found[key] = [row for row in found[key] if row.secondment.pk not in seen]
        seen.update(row.secondment.pk for row in found[key])
    digest = Digest(user=user)
    for watch in watches():
        fresh = [
            DigestItem(
                key=_item_key(watch, row), row=row, url=settings.SITE_URL + row.secondment.get_absolute_url()
            )
            for row in found[watch.key]
        ]
        fresh = [item for item in fresh if item.key not in recent]
        if fresh:
            digest.sections.append(
                DigestSection(
                    watch=watch,
                    items=fresh[:MAX_ITEMS_PER_WATCH],
                    more=max(0, len(fresh) - MAX_ITEMS_PER_WATCH),
                )
            )
    if is_org_staff(user):
        digest.unit_sections = _unit_sections(recent)
        _selection_items(digest, recent, today)
    digest.unread = [
        (need, count, settings.SITE_URL + need.get_absolute_url()) for need, count in unread_threads(user)
    ]
    return digest if digest.keys or digest.unread else None


def _selection_items(digest: Digest, recent: set[str], today: datetime.date) -> None:
    """The selection's two staff alerts, as on the overview, each item reminded like a watch's."""
    alerts = selection_alerts(digest.user, today)
    needs = [
        UnitDigestItem(
            key=f"need_no_nominee:{need.pk}:{need.cycle.deadline.isoformat()}",
            name=_("%(need)s (%(cycle)s, deadline %(date)s)")
            % {"need": need, "cycle": need.cycle.name, "date": long_date(need.cycle.deadline)},
            url=settings.SITE_URL + need.get_absolute_url(),
        )
        for need in alerts.needs_without_nominee
    ]
    waiting = [
        UnitDigestItem(
            key=f"nomination_waiting:{nomination.pk}",
            name=f"{nomination.cadre.name} → {nomination.need}（{nomination.sending_unit.name}）",
            url=settings.SITE_URL + nomination.need.get_absolute_url(),
        )
        for nomination in alerts.nominations_waiting
    ]
    digest.needs_without_nominee = [item for item in needs if item.key not in recent]
    digest.nominations_waiting = [item for item in waiting if item.key not in recent]


def _unit_sections(recent: set[str]) -> list[UnitDigestSection]:
    sections = []
    for item in unit_watch_counts():
        fresh = [
            UnitDigestItem(
                key=f"{item.watch.key}:unit:{unit.pk}",
                name=unit.name,
                url=settings.SITE_URL + unit.get_absolute_url(),
            )
            for unit in item.units
        ]
        fresh = [entry for entry in fresh if entry.key not in recent]
        if fresh:
            sections.append(UnitDigestSection(watch=item.watch, items=fresh))
    return sections


@dataclass
class Prepared:
    digest: Digest
    subject: str
    body: str

    def message(self, connection=None) -> EmailMessage:
        return EmailMessage(
            subject=self.subject,
            body=self.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.digest.user.email],
            connection=connection,
        )


def prepare_all(today: datetime.date, now: datetime.datetime) -> list[Prepared]:
    """Every recipient's digest, composed in Chinese; people with nothing new are left out."""
    prepared = []
    with translation.override(LANGUAGE):
        for user in recipients():
            digest = build_digest(user, today, now)
            if digest is not None:
                prepared.append(Prepared(digest, digest.subject(today), digest.body(today)))
    return prepared
