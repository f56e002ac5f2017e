from django.core.management.base import BaseCommand

from exchanges.checklists import send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail accepted students about pre-departure checklist items not done 14 and 3 days before, and on, "
        "the due date; once per item and threshold. The queue's scheduler runs this daily "
        "(exchanges.checklist_reminders); the command is for a run by hand."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
