from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "The worker beside the demo's web server (make run): procrastinate's worker and scheduler "
        "when the queue is on, otherwise nothing to run, as jobs then run in the web process."
    )

    def handle(self, *args, **options):
        if settings.TASK_QUEUE == "inline":
            self.stdout.write("No queue (TASK_QUEUE=inline): e-mails are delivered by the web process itself.")
            return
        self.stdout.write("Worker and scheduler started: e-mails are delivered from the outbox by this process.")
        call_command("procrastinate", "worker", "--concurrency=2")
