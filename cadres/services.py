"""Every write of people and organisations: cadres, units, and who acts for a unit.

Each takes keyword-only arguments and runs in one transaction; a change re-reads
its row with ``select_for_update``. Every write leaves a line in the record's
change history under the user who made it (``actor``; none for a command), and
what the database refuses is a ``TransitionError`` with a readable message, never
an error page. The pages, the administration and the roster import all write here.
"""

import datetime
import uuid
from collections.abc import Iterable, Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from guazhi.access import is_org_staff
from guazhi.people import person_name
from guazhi.workflow import TransitionError, acting_user

from .models import Account, Cadre, FamilyMember, Specialty, Unit, UnitMembership

# Rows per insert or update in the bulk writes of an import.
BULK_BATCH = 500


def _recorded_as(obj, actor):
    """Name the user the history line of this write is recorded under."""
    obj._history_user = acting_user(actor)
    return obj


def _save(obj, field: str, refusal: str, **kwargs) -> None:
    """Save, answering a unique ``field`` that another row took meanwhile (the forms check it first)
    with a refusal at that field."""
    try:
        with transaction.atomic():
            obj.save(**kwargs)
    except IntegrityError:
        value = getattr(obj, field)
        if not value or not type(obj).objects.filter(**{field: value}).exclude(pk=obj.pk).exists():
            raise
        raise TransitionError(refusal, fields={field: refusal}) from None


def _id_number_taken() -> str:
    return _("A cadre with this ID number already exists.")


def _unit_name_taken() -> str:
    return _("A unit with this name already exists.")


# A family member's facts, by field, in the order the form lists them.
FAMILY_FIELDS = ("relation", "name", "birth_date", "political_status", "work")


def _keep_photo(cadre: Cadre, photo) -> None:
    """Put a checked photograph (see cadres.photos) on the cadre, under a name of its own."""
    extension = ".png" if str(photo.name).lower().endswith(".png") else ".jpg"
    cadre.photo.save(f"{uuid.uuid4().hex}{extension}", photo, save=False)


def _write_family(cadre: Cadre, family: Sequence[dict], actor) -> None:
    """Make the cadre's family members those of ``family`` (dicts by FAMILY_FIELDS), in order;
    members that stay the same are left alone, so the history names only what changed."""
    existing = list(FamilyMember.objects.select_for_update().filter(cadre=cadre).order_by("position", "id"))
    for position, facts in enumerate(family):
        values = {name: facts.get(name) or ("" if name != "birth_date" else None) for name in FAMILY_FIELDS}
        if position < len(existing):
            member = existing[position]
            if all(getattr(member, name) == value for name, value in values.items()) and (
                member.position == position
            ):
                continue
        else:
            member = FamilyMember(cadre=cadre)
        for name, value in values.items():
            setattr(member, name, value)
        member.position = position
        _recorded_as(member, actor).full_clean(exclude=["cadre"])
        member.save()
    for member in existing[len(family) :]:
        _recorded_as(member, actor).delete()


@transaction.atomic
def create_cadre(
    *, actor, specialties: Iterable[Specialty] = (), family: Sequence[dict] = (), photo=None, **fields
) -> Cadre:
    """Add a cadre with the facts of the 干部任免审批表 (``fields``, by model field), their
    specialties, family members (dicts by FAMILY_FIELDS) and a checked photograph; an ID number
    already on file is refused."""
    cadre = _recorded_as(Cadre(**fields), actor)
    if photo is not None:
        _keep_photo(cadre, photo)
    _save(cadre, "id_number", _id_number_taken())
    cadre.specialties.set(specialties)
    if family:
        _write_family(cadre, family, actor)
    return cadre


@transaction.atomic
def edit_cadre(
    *,
    cadre: Cadre,
    actor,
    specialties: Iterable[Specialty] | None = None,
    family: Sequence[dict] | None = None,
    photo=None,
    remove_photo: bool = False,
    **fields,
) -> Cadre:
    """Change a cadre's facts (``fields``, by model field) and, when given, their specialties,
    family members and photograph (a new one replaces the old; ``remove_photo`` takes it away)."""
    cadre = _recorded_as(Cadre.objects.select_for_update().get(pk=cadre.pk), actor)
    for name, value in fields.items():
        setattr(cadre, name, value)
    changed = [*fields, "updated_at"]
    if photo is not None:
        _keep_photo(cadre, photo)
        changed.append("photo")
    elif remove_photo and cadre.photo:
        cadre.photo = ""
        changed.append("photo")
    _save(cadre, "id_number", _id_number_taken(), update_fields=changed)
    if specialties is not None:
        cadre.specialties.set(specialties)
    if family is not None:
        _write_family(cadre, family, actor)
    return cadre


def _split_name(name: str) -> tuple[str, str]:
    """A Chinese name as (family, given): the first character is the family name, two for the
    compound family names offices meet (欧阳, 司马 …)."""
    size = 2 if len(name) > 2 and name[:2] in COMPOUND_FAMILY_NAMES else 1
    return name[:size], name[size:]


COMPOUND_FAMILY_NAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "令狐",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
    ]
)


@transaction.atomic
def give_account(*, cadre: Cadre, username: str, password: str = "", actor) -> tuple[Cadre, str]:
    """Give a cadre their own login (the cadre role: they see only themselves). One login per cadre;
    without a password one is made up. Returns the cadre and the password, to be shown once."""
    cadre = _recorded_as(Cadre.objects.select_for_update().get(pk=cadre.pk), actor)
    if cadre.account_id is not None:
        raise TransitionError(_("%(name)s already has a login.") % {"name": cadre.name})
    username = username.strip()
    User = get_user_model()
    if not username or User.objects.filter(username__iexact=username).exists():
        refusal = _("This login name is taken; choose another.") if username else _("A login name is needed.")
        raise TransitionError(refusal, fields={"username": refusal})
    password = password or get_random_string(12, "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    family, given = _split_name(cadre.name)
    user = User(username=username, last_name=family, first_name=given)
    try:
        validate_password(password, user)
    except ValidationError as error:
        refusal = " ".join(error.messages)
        raise TransitionError(refusal, fields={"password": refusal}) from None
    user.set_password(password)
    user.save()
    cadre.account = user
    cadre.save(update_fields=["account", "updated_at"])
    return cadre, password


@transaction.atomic
def create_unit(*, actor, **fields) -> Unit:
    """Add a unit (``fields``, by model field); a name already on file is refused."""
    unit = _recorded_as(Unit(**fields), actor)
    _save(unit, "name", _unit_name_taken())
    return unit


@transaction.atomic
def add_specialties(*, names: Iterable[str], actor) -> list[Specialty]:
    """Add the specialties named that are not on file yet; all of those named, in order."""
    wanted = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    known = {s.name: s for s in Specialty.objects.select_for_update().filter(name__in=wanted)}
    for name in wanted:
        if name not in known:
            known[name] = Specialty.objects.create(name=name)
    return [known[name] for name in wanted]


@transaction.atomic
def edit_unit(*, unit: Unit, actor, **fields) -> Unit:
    """Change a unit's name, tier, whether it sends or receives, and its contact."""
    unit = _recorded_as(Unit.objects.select_for_update().get(pk=unit.pk), actor)
    for name, value in fields.items():
        setattr(unit, name, value)
    _save(unit, "name", _unit_name_taken(), update_fields=list(fields))
    return unit


@transaction.atomic
def add_membership(*, user, unit: Unit, role: str, actor) -> UnitMembership:
    """Let a user act for a unit in a role (its leader files appraisals, its liaison reads)."""
    Unit.objects.select_for_update().get(pk=unit.pk)
    if not user.is_active:
        raise TransitionError(_("The account of %(name)s is deactivated.") % {"name": person_name(user)})
    if UnitMembership.objects.filter(user=user, unit=unit, role=role).exists():
        raise TransitionError(
            _("%(user)s already acts for %(unit)s in that role.") % {"user": user, "unit": unit}
        )
    membership = _recorded_as(UnitMembership(user=user, unit=unit, role=role), actor)
    membership.save()
    return membership


@transaction.atomic
def end_membership(*, membership: UnitMembership, actor) -> None:
    """The user no longer acts for the unit in that role; the history keeps that they did, and until when."""
    membership = UnitMembership.objects.select_for_update().filter(pk=membership.pk).first()
    if membership is not None:
        _recorded_as(membership, actor).delete()


def _account(user, actor, reason: str) -> Account:
    """The user's account row, locked, recorded under ``actor`` with what happened (``reason``, one of
    ``ACCOUNT_STEPS``; made on first use)."""
    account = Account.objects.select_for_update().filter(user=user).first()
    if account is None:
        account = Account(user=user, active=user.is_active)
    account._change_reason = reason
    return _recorded_as(account, actor)


@transaction.atomic
def create_account(*, username: str, family_name: str, given_name: str, email: str, password: str, actor):
    """Open a login for someone who will act for a unit; they choose their own password at the first
    login. A login name already taken is refused."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        message = _("The login %(username)s is already taken.") % {"username": username}
        raise TransitionError(message, fields={"username": message})
    user = User.objects.create_user(
        username=username, password=password, email=email, first_name=given_name, last_name=family_name
    )
    account = _account(user, actor, "opened")
    account.must_change_password = True
    account.save()
    return user


def _may_manage(user, actor, what: str) -> None:
    if is_org_staff(user) or user.is_superuser:
        raise TransitionError(
            _("%(name)s works in the organization department or administers the system; %(what)s in the "
              "administration instead.") % {"name": person_name(user), "what": what}
        )  # fmt: skip
    if actor is not None and user.pk == actor.pk:
        raise TransitionError(_("You cannot do this to your own account."))


@transaction.atomic
def reset_password(*, user, password: str, actor) -> None:
    """Set a new password for someone who acts for a unit; they must change it at the next login."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    _may_manage(user, actor, _("reset their password"))
    user.set_password(password)
    user.save(update_fields=["password"])
    account = _account(user, actor, "password_set")
    account.must_change_password = True
    account.save()


@transaction.atomic
def password_changed(*, user) -> None:
    """The holder chose a new password: they are no longer asked to."""
    account = Account.objects.select_for_update().filter(user=user, must_change_password=True).first()
    if account is not None:
        account.must_change_password = False
        account._change_reason = "password_changed"
        _recorded_as(account, user).save()


@transaction.atomic
def deactivate_account(*, user, actor) -> None:
    """Close a login: its holder can no longer sign in, and no longer counts as anyone's leader or
    liaison. The memberships stay, so the history says whom they acted for."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    _may_manage(user, actor, _("deactivate their account"))
    if not user.is_active:
        raise TransitionError(
            _("The account of %(name)s is already deactivated.") % {"name": person_name(user)}
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    account = _account(user, actor, "deactivated")
    account.active = False
    account.save()


def _bulk_history(actor, reason: str) -> dict:
    return {"batch_size": BULK_BATCH, "default_user": acting_user(actor), "default_change_reason": reason}


def import_units(
    *, new: list[Unit], changed: list[Unit], specialties: list[Specialty], actor, reason: str
) -> None:
    """Write in bulk, with history, the units an import adds, the units it makes send or receive
    (``changed``), and the specialties it adds; inside the import's transaction."""
    history = _bulk_history(actor, reason)
    if new:
        bulk_create_with_history(new, Unit, **history)
    if changed:
        bulk_update_with_history(changed, Unit, ["sends", "receives"], **history)
    if specialties:
        Specialty.objects.bulk_create(specialties, batch_size=BULK_BATCH)


def import_cadres(
    *,
    new: list[Cadre],
    changed: list[Cadre],
    fields: set[str],
    specialties: list[tuple[Cadre, list[Specialty]]],
    actor,
    reason: str,
    now: datetime.datetime | None = None,
) -> None:
    """Write in bulk, with history, the cadres an import adds and the ``fields`` it changes on
    others, keeping each name's search columns; then replace the specialties of the cadres listed
    in ``specialties``. Inside the import's transaction."""
    history = _bulk_history(actor, reason)
    for cadre in new:
        cadre.fill_search_columns()
    if new:
        bulk_create_with_history(new, Cadre, **history)
    fields = set(fields) - {"specialties"}
    if changed and fields:
        if "name" in fields:
            fields |= set(Cadre.SEARCH_COLUMNS)
        now = now or timezone.now()
        for cadre in changed:
            cadre.fill_search_columns()
            cadre.updated_at = now
        bulk_update_with_history(changed, Cadre, sorted(fields | {"updated_at"}), **history)
    through = Cadre.specialties.through
    through.objects.filter(cadre_id__in=[cadre.pk for cadre, _chosen in specialties]).delete()
    through.objects.bulk_create(
        [
            through(cadre_id=cadre.pk, specialty_id=specialty.pk)
            for cadre, chosen in specialties
            for specialty in chosen
        ],
        batch_size=BULK_BATCH,
    )
