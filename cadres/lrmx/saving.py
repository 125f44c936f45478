"""A read .lrmx file saved as a new cadre without a page: the command's way, through the same
form and service as the pages, so a file is saved whole or not at all."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from ..choices import UnitTier
from ..family_forms import FamilyFormSet
from ..forms import CadreForm
from ..models import Cadre, Specialty, Unit
from ..services import add_specialties, create_cadre, create_unit
from .filling import fill_from, split_specialties
from .reading import LrmxRecord, LrmxRefused


def _form_value(value):
    if isinstance(value, datetime.date):
        return value.strftime("%Y.%m") if value.day == 1 else value.isoformat()
    if value is None:
        return ""
    return value


def form_data(record: LrmxRecord, *, home_unit=None) -> tuple[dict, dict, list[str]]:
    """The cadre form's POST data and files for a read file, and the warnings to show; ``home_unit``
    is the home unit where the file names none on file."""
    filling = fill_from(record)
    if home_unit is not None and not filling.initial.get("home_unit"):
        filling.initial["home_unit"] = home_unit.pk
    data = {name: _form_value(value) for name, value in filling.initial.items() if name != "photo_token"}
    prefix = "family"
    data[f"{prefix}-TOTAL_FORMS"] = str(len(filling.family))
    data[f"{prefix}-INITIAL_FORMS"] = "0"
    data[f"{prefix}-MAX_NUM_FORMS"] = str(FamilyFormSet.max_num)
    for index, row in enumerate(filling.family):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = _form_value(value)
    files = {"photo": SimpleUploadedFile("photo", filling.photo)} if filling.photo else {}
    return data, files, filling.warnings


def _create_named(record: LrmxRecord, *, actor) -> None:
    """Add the unit 呈报单位 names and the specialties 熟悉专业有何专长 lists, where not on file."""
    name = record.reporting_unit.strip()
    if name and not Unit.objects.filter(name=name).exists():
        create_unit(actor=actor, name=name[:100], tier=UnitTier.OTHER, sends=True)
    words = [
        word[: Specialty._meta.get_field("name").max_length]
        for word in split_specialties(record.specialty_text)
    ]
    if words:
        add_specialties(names=words, actor=actor)


def save_record(
    record: LrmxRecord, *, actor, save: bool = True, home_unit=None, create_units: bool = False
) -> tuple[Cadre | None, list[str]]:
    """Check a read file as the cadre form would and, when ``save``, add the cadre; ``LrmxRefused``
    names every reason it cannot be added. A cadre already on file with its ID number is left alone."""
    number = record.fields.get("id_number")
    existing = Cadre.objects.filter(id_number=number).first() if number else None
    if existing is not None:
        raise LrmxRefused(
            _("%(name)s is already on file with this ID number; compare the file on the cadre's page.")
            % {"name": existing.name}
        )
    if create_units:
        # Inside the file's transaction: a refused file leaves no unit or specialty behind either.
        _create_named(record, actor=actor)
    data, files, warnings = form_data(record, home_unit=home_unit)
    form = CadreForm(_as_query(data), MultiValueDict({name: [f] for name, f in files.items()}))
    if not form.is_valid():
        raise LrmxRefused("；".join(_error_lines(form)))
    if not save:
        return None, warnings
    return create_cadre(actor=actor, **form.cleaned_data), warnings


def _as_query(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in data.items():
        if isinstance(value, list):
            query.setlist(name, [str(v) for v in value])
        else:
            query[name] = str(value)
    return query


def _error_lines(form) -> list[str]:
    lines = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        lines.extend(f"{label}: {error}" if label else str(error) for error in errors)
    for index, row in enumerate(form.family.forms, start=1):
        for name, errors in row.errors.items():
            lines.extend(
                _("family member %(n)d, %(field)s: %(error)s")
                % {"n": index, "field": row.fields[name].label, "error": e}
                for e in errors
            )
    return lines
