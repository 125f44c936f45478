"""Roster uploads kept between the preview and the confirmation, under a random token."""

import datetime
import secrets

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from .reading import RosterSheet, read_workbook
from .sources import RosterFileError

UPLOAD_DIR = "roster_uploads"
UPLOAD_MAX_AGE = datetime.timedelta(days=1)


def upload_path(token: str) -> str:
    # The kind of file is told by its content, so one name serves .xlsx, .xls and .ods alike.
    return f"{UPLOAD_DIR}/{token}.upload"


def store_upload(file) -> str:
    """Keep an uploaded workbook under a new random token; forget uploads older than a day."""
    _purge_stale_uploads()
    token = secrets.token_urlsafe(18)
    default_storage.save(upload_path(token), file)
    return token


def read_upload(token: str, *, name: str) -> RosterSheet:
    if not default_storage.exists(upload_path(token)):
        raise RosterFileError(_("The uploaded file is no longer kept; upload it again."))
    with default_storage.open(upload_path(token), "rb") as handle:
        return read_workbook(handle, name=name)


def delete_upload(token: str) -> None:
    default_storage.delete(upload_path(token))


def _purge_stale_uploads() -> None:
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - UPLOAD_MAX_AGE
    for file_name in files:
        path = f"{UPLOAD_DIR}/{file_name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except FileNotFoundError:
            continue
