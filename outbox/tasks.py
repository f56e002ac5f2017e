"""The outbox's scheduled sweeps: retries and clean-up (delivery jobs are in services.py)."""

import datetime

from django.conf import settings
from django.utils import timezone

from jobs.queue import scheduled
from outbox import services
from outbox.models import Message


@scheduled("* * * * *", name="outbox.retry")
def retry_due_messages(timestamp):
    services.deliver_due()


@scheduled("20 19 * * *", name="outbox.purge")
def purge_old_messages(timestamp):
    """Sent messages carry private links: keep them OUTBOX_KEEP_DAYS, then delete them."""
    cutoff = timezone.now() - datetime.timedelta(days=getattr(settings, "OUTBOX_KEEP_DAYS", 90))
    Message.objects.sent().filter(sent_at__lt=cutoff).delete()
