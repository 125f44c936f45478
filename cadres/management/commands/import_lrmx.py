"""python manage.py import_lrmx PATH… [--dry-run] [--home-unit NAME] [--create-units]

Each PATH is a .lrmx file, a folder of them (searched whole) or a .zip of them.
Each file is added whole or not at all: a refused file is named on stderr as
``FILE: 原因`` and nothing of it is written, while the other files are added.
Warnings (a photograph left out, a specialty not on file) go to stdout with the
file's name. With --create-units, the unit a file names as 呈报单位 and the
specialties it lists are added where not on file (with the file's cadre, or not
at all). The exit status is 1 if any file was refused.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cadres.lrmx import LrmxRefused, read_lrmx
from cadres.lrmx.saving import save_record
from cadres.lrmx.sources import lrmx_sources
from cadres.models import Unit
from guazhi.workflow import TransitionError


class Command(BaseCommand):
    help = "Add the cadres of .lrmx files (干部任免审批表): files, folders or .zip archives of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="The .lrmx files, folders or .zip archives.")
        parser.add_argument("--dry-run", action="store_true", help="Check every file, but write nothing.")
        parser.add_argument(
            "--home-unit", help="The home unit of cadres whose file names no unit on file (a unit's name)."
        )
        parser.add_argument(
            "--create-units",
            action="store_true",
            help="Add the unit a file names as 呈报单位 and the specialties it lists, where not on file.",
        )

    def handle(
        self,
        *args,
        paths: list[str],
        dry_run: bool = False,
        home_unit: str | None = None,
        create_units: bool = False,
        **options,
    ):
        # The messages are part of the contract, in Chinese whatever the environment says.
        with translation.override("zh-hans"):
            unit = None
            if home_unit:
                unit = Unit.objects.filter(name=home_unit).first()
                if unit is None:
                    raise CommandError(_("No unit named %(name)s is on file.") % {"name": home_unit})
            added = refused = 0
            for source in lrmx_sources(paths):
                reason = source.refusal or self._import(
                    source, dry_run=dry_run, unit=unit, create_units=create_units
                )
                if reason:
                    refused += 1
                    self.stderr.write(f"{source.name}: {reason}", style_func=None)
                else:
                    added += 1
            summary = (
                _("%(count)d file(s) checked and could be added; nothing was written (dry run).")
                if dry_run
                else _("%(count)d cadre(s) added.")
            )
            self.stdout.write(summary % {"count": added})
            if refused:
                raise CommandError(
                    _("%(count)d file(s) refused; nothing of them was written.") % {"count": refused}
                )

    def _import(self, source, *, dry_run: bool, unit, create_units: bool) -> str:
        """Add the file's cadre (or only check it); the reason it is refused, or "" once added."""
        try:
            with transaction.atomic():
                cadre, warnings = save_record(
                    read_lrmx(source.content),
                    actor=None,
                    save=not dry_run,
                    home_unit=unit,
                    create_units=create_units,
                )
                if dry_run:
                    # What --create-units added to check the file goes with the dry run.
                    transaction.set_rollback(True)
        except LrmxRefused as refused:
            return refused.message
        except TransitionError as error:
            return error.message
        for warning in warnings:
            self.stdout.write(f"{source.name}: {warning}")
        if cadre is not None:
            self.stdout.write(_("%(file)s: %(name)s added.") % {"file": source.name, "name": cadre.name})
        return ""
