from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assignments import services
from oversight.reminders import LANGUAGE, prepare_all


class Command(BaseCommand):
    help = (
        "Mail each person (staff, unit leaders, liaisons with an email address) one digest of what they "
        "can act on. Run daily from cron. An item is not sent again within GUAZHI_REMINDER_REPEAT_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the digests; send nothing and record nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        today, now = timezone.localdate(), timezone.now()
        prepared = prepare_all(today, now)
        with translation.override(LANGUAGE):
            if dry_run:
                for item in prepared:
                    self._print(item)
                self.stdout.write(
                    _("Dry run: %(people)d digest(s) with %(items)d item(s) would be sent; nothing was sent.")
                    % {"people": len(prepared), "items": sum(len(p.digest.keys) for p in prepared)}
                )
                return
            sent, items, failed = 0, 0, []
            connection = get_connection()
            for item in prepared:
                try:
                    item.message(connection).send()
                except OSError as error:  # SMTP errors are OSErrors too
                    failed.append(f"{item.digest.user.email}: {error}")
                    continue
                services.record_reminders_sent(user=item.digest.user, keys=item.digest.keys, at=now)
                sent += 1
                items += len(item.digest.keys)
            self.stdout.write(
                _("%(people)d digest(s) with %(items)d item(s) sent.") % {"people": sent, "items": items}
            )
            if failed:
                raise CommandError(_("Not sent: %(failures)s") % {"failures": "; ".join(failed)})

    def _print(self, item) -> None:
        user = item.digest.user
        self.stdout.write(
            _("To: %(name)s <%(email)s>") % {"name": item.digest.greeting_name, "email": user.email}
        )
        self.stdout.write(_("Subject: %(subject)s") % {"subject": item.subject})
        self.stdout.write("")
        self.stdout.write(item.body.rstrip())
        self.stdout.write("-" * 60)
