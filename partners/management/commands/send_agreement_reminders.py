from django.conf import settings
from django.core.management.base import BaseCommand

from partners.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail each agreement's owner 180, 90 and 30 days before the agreement ends, once per threshold. "
        "Safe to run daily from cron: what was sent is recorded and never sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, choices=[code for code, _name in settings.LANGUAGES]
        )

    def handle(self, *args, language, **options):
        sent = send_due_reminders(language=language)
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
