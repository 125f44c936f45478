"""python manage.py import_roster FILE [--dry-run] [--create-units]

FILE is a roster workbook: .xlsx, .xls or .ods.

A contract other programs rely on (DESIGN.md): every problem is written to
stderr as ``第N行 列名: 原因`` and the exit status is 1 with nothing written;
on success the counts go to stdout.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from assignments import services
from assignments.roster import RosterFileError, RosterInvalid, check_roster, read_workbook, summary_lines
from guazhi.workflow import TransitionError


class Command(BaseCommand):
    help = "Import a roster workbook (.xlsx, .xls or .ods): every row, or nothing if any row is invalid."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The roster workbook (.xlsx, .xls or .ods).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, but write nothing.")
        parser.add_argument(
            "--create-units",
            action="store_true",
            help="Create the units (and specialties) the roster names that are not on file.",
        )

    def handle(self, *args, file: str, dry_run: bool = False, create_units: bool = False, **options):
        # The messages are part of the contract, in Chinese whatever the environment says.
        with translation.override("zh-hans"):
            try:
                sheet = read_workbook(file)
            except RosterFileError as error:
                raise CommandError(error.message) from None
            try:
                if dry_run:
                    check = check_roster(sheet, create_units=create_units)
                else:
                    check = services.import_roster(sheet=sheet, create_units=create_units)
            except RosterInvalid as invalid:
                check = invalid.check
            except TransitionError as error:
                raise CommandError(error.message) from None
            if check.errors:
                for error in check.errors:
                    self.stderr.write(str(error), style_func=None)
                raise CommandError(
                    _("The roster has %(count)d problem(s); nothing was written.")
                    % {"count": len(check.errors)}
                )
            for line in summary_lines(check, dry_run=dry_run):
                self.stdout.write(line)
