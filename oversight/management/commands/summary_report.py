import json as jsonlib

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.summary import county_summary, earliest_year


class Command(BaseCommand):
    help = "Print the county summary: the paragraphs, or with --json the figures other programs read."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since", type=int, help="First year counted (default: the earliest term start)."
        )
        parser.add_argument("--json", action="store_true", help="Print JSON instead of the paragraphs.")

    def handle(self, *args, since: int | None = None, json: bool = False, **options):
        if since is not None and not 1949 <= since <= timezone.localdate().year:
            raise CommandError(_("Enter a year between 1949 and this year, such as 2019."))
        summary = county_summary(None, since or earliest_year(None))
        if json:
            self.stdout.write(_dumps(summary.as_contract()))
            return
        for paragraph in [*summary.paragraphs(), *summary.projects.paragraphs]:
            self.stdout.write(paragraph)


def _dumps(data: dict) -> str:
    return jsonlib.dumps(data, ensure_ascii=False, indent=2, default=str)
