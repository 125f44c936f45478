from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight import demo

ROLE_LABELS = {
    "staff": gettext_lazy("organization department staff"),
    "leader": gettext_lazy("receiving-unit leader"),
    "liaison": gettext_lazy("sending-unit liaison"),
    "admin": gettext_lazy("administrator"),
    "cadre": gettext_lazy("seconded cadre (own login)"),
}


class Command(BaseCommand):
    help = "Load the demo data set (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(_("seed_demo adds demo people and logins; with DEBUG off it needs --force."))
        with transaction.atomic():
            made = demo.seed()
        self.stdout.write(self.style.SUCCESS(_("Demo data is loaded.")))
        self.stdout.write(_("Demo logins (password %(password)s):") % {"password": demo.DEMO_PASSWORD})
        for username, role, unit in made["logins"]:
            label = ROLE_LABELS[role]
            where = f"（{unit}）" if unit else ""
            self.stdout.write(f"  {username:<14} {label}{where}")
