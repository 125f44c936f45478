"""python manage.py cleanup_media [--dry-run] [--min-age HOURS]

Lists, and removes, the files under MEDIA_ROOT that no record points to: files
replaced before they were deleted on replacement, or left by a change that
was rolled back. A file's past versions in the change history do not count as
records: the point is that personal data nobody can reach is not kept.
"""

import datetime

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges


def referenced_files() -> set[str]:
    """The names of the files the current records point to, in every file field of every model."""
    names: set[str] = set()
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(
                    model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                )
    return names


def stored_files(folder: str = ""):
    directories, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from stored_files(f"{folder}/{directory}" if folder else directory)


def orphans(min_age: datetime.timedelta) -> list[str]:
    """Files no record points to, older than ``min_age`` (younger ones may belong to work in progress)."""
    try:
        stored = sorted(stored_files())
    except FileNotFoundError:
        return []
    referenced = referenced_files()
    cutoff = timezone.now() - min_age
    return [
        name for name in stored if name not in referenced and default_storage.get_modified_time(name) < cutoff
    ]


class Command(BaseCommand):
    help = "List and remove the files under MEDIA_ROOT that no record points to."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the files, remove nothing.")
        parser.add_argument(
            "--min-age",
            type=int,
            default=24,
            metavar="HOURS",
            help="Only files older than this (default 24 hours): younger ones may belong to work in progress.",
        )

    def handle(self, *args, dry_run: bool = False, min_age: int = 24, **options):
        with translation.override("zh-hans"):
            found = orphans(datetime.timedelta(hours=min_age))
            for name in found:
                if not dry_run:
                    default_storage.delete(name)
                self.stdout.write(name)
            if dry_run:
                summary = _("%(count)d file(s) no record points to; none removed (dry run).")
            else:
                summary = _("%(count)d file(s) no record points to were removed.")
            self.stdout.write(summary % {"count": len(found)})
