"""The outbox's jobs: delivery, bulk preparation, the retry sweep and clean-up."""

import datetime

from django.conf import settings
from django.utils import timezone

from jobs.queue import job, scheduled
from outbox import services
from outbox.models import Batch, Message

# Delivery failures are the outbox's business (attempts, back-off, last error on the
# message); the job itself succeeds, so the queue does not retry on top of it.


@job(name="outbox.deliver", retry=None)
def deliver_message(message_id):
    services.deliver(message_id)


@job(name="outbox.deliver_many", retry=None)
def deliver_messages(message_ids):
    services.deliver_many(message_ids)


@job(name="outbox.prepare_batch")
def prepare_batch(batch_id):
    try:
        services.prepare_batch(batch_id)
    except Exception as exc:
        # Shown on the bulk send while the queue retries; after the last attempt the job stays failed too.
        Batch.objects.filter(pk=batch_id).update(error=f"{type(exc).__name__}: {exc}"[:2000])
        raise


@scheduled("* * * * *", name="outbox.retry")
def retry_due_messages(timestamp):
    services.deliver_due()


@scheduled("20 19 * * *", name="outbox.purge")
def purge_old_messages(timestamp):
    """Sent messages carry private links: keep them OUTBOX_KEEP_DAYS, then delete them."""
    cutoff = timezone.now() - datetime.timedelta(days=getattr(settings, "OUTBOX_KEEP_DAYS", 90))
    Message.objects.sent().filter(sent_at__lt=cutoff).delete()
