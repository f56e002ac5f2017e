from django.core.management.base import BaseCommand

from privacy.models import RetentionRun
from privacy.registry import registry
from privacy.services import apply_retention


class Command(BaseCommand):
    help = "Remove the personal data whose retention period is over, and report what was removed."

    def handle(self, *args, **options):
        run = apply_retention(trigger=RetentionRun.Trigger.COMMAND)
        for kind in registry.retention_kinds():
            if kind.code in run.removed:
                self.stdout.write(f"{kind.label}: {run.removed[kind.code]}")
        self.stdout.write(self.style.SUCCESS(f"Retention run #{run.pk}: {run.total} removed."))
