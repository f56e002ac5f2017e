"""Writing messages to the outbox and delivering them.

Delivery holds the message's row lock while it talks to the mail server, so
two workers (or a worker and the retry sweep) never send one message twice:
the second skips the locked row, and once the first commits the message is no
longer waiting.
"""

import contextlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from jobs.queue import defer, defer_many, job
from outbox.models import Attachment, Batch, Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10  # with the doubling back-off capped at an hour: about six hours of trying
CHUNK = 50  # messages per delivery job of a bulk send; several workers share a batch


def queue_message(*, recipient, subject, body, language, topic, html_body="", about=None, batch=None, attachments=()):
    """Store one message (in the caller's transaction) and ask a worker to deliver it.

    `attachments` are (filename, content, mimetype) triples; their files go to the private
    storage with the message, and are deleted with it.
    """
    message = Message(
        recipient=recipient,
        language=language,
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        body=body,
        html_body=html_body or "",
        topic=topic,
        batch=batch,
    )
    if about is not None:
        message.about = about
    message.save()
    for filename, content, mimetype in attachments:
        data = content.encode() if isinstance(content, str) else bytes(content)
        Attachment.objects.create(
            message=message,
            filename=filename[:150],
            mimetype=mimetype,
            size=len(data),
            file=ContentFile(data, filename),
        )
    defer(deliver_message, message_id=message.pk)
    return message


def queue_messages(messages):
    """Store many messages (dicts of `queue_message` arguments, without attachments) in the
    caller's transaction with one insert, and hand their delivery to workers CHUNK at a time."""
    rows = Message.objects.bulk_create(
        Message(from_email=settings.DEFAULT_FROM_EMAIL, **_message_fields(fields)) for fields in messages
    )
    ids = [message.pk for message in rows]
    defer_many(deliver_messages, [{"message_ids": ids[start : start + CHUNK]} for start in range(0, len(ids), CHUNK)])
    return rows


def as_email(message):
    email = EmailMultiAlternatives(message.subject, message.body, message.from_email, [message.recipient])
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for attachment in message.attachments.all():
        with attachment.file.open("rb") as handle:
            email.attach(attachment.filename, handle.read(), attachment.mimetype)
    return email


def deliver(message_id, connection=None):
    """Send one waiting message; on failure record the attempt and when to try again.

    Returns True if this call sent it.
    """
    with transaction.atomic():
        message = Message.objects.select_for_update(skip_locked=True).filter(pk=message_id).waiting().first()
        if message is None:  # sent, failed for good, or another worker has it right now
            return False
        now = timezone.now()
        message.attempts += 1
        try:
            if connection is None:
                as_email(message).send(fail_silently=False)
            else:
                connection.send_messages([as_email(message)])
        except Exception as exc:  # any SMTP or network error: the message waits for the next attempt
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = Message.Status.FAILED
            else:
                message.next_attempt_at = now + message.backoff()
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            if connection is not None:
                connection.close()  # reopened by the next send
            return False
        message.status = Message.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return True


def deliver_many(message_ids):
    """Deliver several messages over one SMTP connection; returns how many this call sent."""
    connection = get_connection()
    try:
        connection.open()
    except Exception:  # the server is away: each message records its own failed attempt
        logger.warning("Mail server unavailable; %d messages will be retried", len(message_ids))
    try:
        return sum(deliver(pk, connection) for pk in message_ids)
    finally:
        with contextlib.suppress(Exception):  # closing a dead connection has nothing left to do
            connection.close()


def deliver_due(limit=1000):
    """The retry sweep: every waiting message whose next attempt has come."""
    ids = list(Message.objects.due().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    return deliver_many(ids) if ids else 0


def resend(messages):
    """Staff's "send again": each message waits for a fresh delivery, attempts reset."""
    count = 0
    with transaction.atomic():
        for message in messages.select_for_update(of=("self",)):
            message.status = Message.Status.WAITING
            message.attempts = 0
            message.last_error = ""
            message.next_attempt_at = timezone.now()
            message.sent_at = None
            message.save(update_fields=["status", "attempts", "last_error", "next_attempt_at", "sent_at"])
            defer(deliver_message, message_id=message.pk)
            count += 1
    return count


def start_batch(*, builder, description, params, created_by=None):
    """Record a bulk send and hand it to a worker; returns at once.

    `builder` is the dotted path of a function taking the batch's `params` and
    yielding dicts of `queue_message` arguments (recipient, subject, body, ...).
    """
    import_string(builder)  # a wrong path fails here, in front of the staff member, not later on a worker
    with transaction.atomic():
        batch = Batch.objects.create(kind=builder, description=description, params=params, created_by=created_by)
        defer(prepare_batch_job, batch_id=batch.pk)
    return batch


def prepare_batch(batch_id):
    """Write a batch's messages in one transaction, then spread their delivery over CHUNK-sized jobs.

    Safe to run twice: a batch already prepared is left alone.
    """
    with transaction.atomic():
        batch = Batch.objects.select_for_update().filter(pk=batch_id, status=Batch.Status.PREPARING).first()
        if batch is None:
            return 0
        build = import_string(batch.kind)
        messages = Message.objects.bulk_create(
            Message(batch=batch, from_email=settings.DEFAULT_FROM_EMAIL, **_message_fields(fields))
            for fields in build(batch.params)
        )
        batch.total = len(messages)
        batch.status = Batch.Status.READY
        batch.prepared_at = timezone.now()
        batch.save(update_fields=["total", "status", "prepared_at"])
        ids = [message.pk for message in messages]
        defer_many(deliver_messages, [{"message_ids": ids[start : start + CHUNK]} for start in range(0, len(ids), CHUNK)])
    return batch.total


def _message_fields(fields):
    fields = dict(fields)
    about = fields.pop("about", None)
    if about is not None:
        from django.contrib.contenttypes.models import ContentType

        fields["about_type"] = ContentType.objects.get_for_model(about)
        fields["about_id"] = str(about.pk)
    return fields


# The jobs the functions above hand to workers (the scheduled sweeps are in tasks.py).
# Delivery failures are the outbox's business (attempts, back-off, last error on the
# message); the job itself succeeds, so the queue does not retry on top of it.


@job(name="outbox.deliver", retry=None)
def deliver_message(message_id):
    deliver(message_id)


@job(name="outbox.deliver_many", retry=None)
def deliver_messages(message_ids):
    deliver_many(message_ids)


@job(name="outbox.prepare_batch")
def prepare_batch_job(batch_id):
    try:
        prepare_batch(batch_id)
    except Exception as exc:
        # Shown on the bulk send while the queue retries; after the last attempt the job stays failed too.
        Batch.objects.filter(pk=batch_id).update(error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
