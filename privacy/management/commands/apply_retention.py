from django.core.management.base import BaseCommand

from privacy.models import RetentionRule, RetentionRun
from privacy.services import apply_retention


class Command(BaseCommand):
    help = "Remove the personal data whose retention period is over, and report what was removed."

    def handle(self, *args, **options):
        run = apply_retention(trigger=RetentionRun.Trigger.COMMAND)
        labels = {rule.kind: str(rule) for rule in RetentionRule.objects.all()}
        for kind, count in run.removed.items():
            self.stdout.write(f"{labels.get(kind, kind)}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Retention run #{run.pk}: {run.total} removed."))
