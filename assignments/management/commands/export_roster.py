"""python manage.py export_roster FILE.xlsx

Every secondment, one row each, in the import's columns. The operator on the
server sees everything, so ID numbers and phones are written whole.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from assignments.models import Secondment
from assignments.roster import write_roster


class Command(BaseCommand):
    help = "Export every secondment to a roster workbook (.xlsx) in the import's columns."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The workbook to write (.xlsx).")

    def handle(self, *args, file: str, **options):
        with translation.override("zh-hans"):
            secondments = Secondment.objects.order_by("-term_start", "cadre__name_pinyin", "id")
            try:
                count = write_roster(secondments, file, show_personal_data=True)
            except OSError as error:
                raise CommandError(
                    _("Cannot write %(file)s: %(reason)s") % {"file": file, "reason": error.strerror}
                ) from None
            self.stdout.write(
                _("%(count)d secondment(s) exported to %(file)s.") % {"count": count, "file": file}
            )
