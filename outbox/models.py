"""Every e-mail the portal sends, stored before it is sent.

A message is written in the same transaction as the change that caused it
(a registration, an application, a reminder), so it exists exactly when that
change does; a worker delivers it afterwards and retries with back-off while
the mail server is away. Staff see each message's state and can send it again.
"""

import datetime
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.db.models import Count, Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=Message.Status.WAITING)

    def due(self, now=None):
        """Waiting messages whose next attempt has come."""
        return self.waiting().filter(next_attempt_at__lte=now or timezone.now())

    def sent(self):
        return self.filter(status=Message.Status.SENT)

    def failed(self):
        return self.filter(status=Message.Status.FAILED)

    def about(self, obj):
        return self.filter(about_type=ContentType.objects.get_for_model(obj), about_id=str(obj.pk))


class Batch(models.Model):
    """One bulk send (an announcement, nominations): its messages and their progress."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing the messages")
        READY = "ready", _("Messages in the outbox")

    description = models.CharField(_("description"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=100, help_text=_("The registered builder that writes this batch's messages.")
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREPARING)
    total = models.PositiveIntegerField(_("messages"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    prepared_at = models.DateTimeField(_("prepared"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bulk send")
        verbose_name_plural = _("bulk sends")

    def __str__(self):
        return self.description

    def counts(self):
        """How many of the batch's messages are sent, waiting and failed."""
        return self.messages.aggregate(
            sent=Count("pk", filter=Q(status=Message.Status.SENT)),
            waiting=Count("pk", filter=Q(status=Message.Status.WAITING)),
            failed=Count("pk", filter=Q(status=Message.Status.FAILED)),
        )


class Message(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10, default="en")
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    topic = models.CharField(
        _("topic"), max_length=100, help_text=_("What the message is, e.g. events/email/registered.")
    )
    # What the message is about (a registration, an application, an agreement).
    about_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    batch = models.ForeignKey(
        Batch, verbose_name=_("bulk send"), null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        indexes = [
            # The retry sweep's question: which waiting messages are due?
            models.Index(fields=["next_attempt_at"], condition=Q(status="waiting"), name="outbox_message_due"),
            models.Index(fields=["about_type", "about_id"], name="outbox_message_about"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="outbox_message_sent_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    def backoff(self):
        """How long to wait after `attempts` failures: doubling from OUTBOX_RETRY_SECONDS, at most an hour."""
        base = getattr(settings, "OUTBOX_RETRY_SECONDS", 60)
        return datetime.timedelta(seconds=min(base * 2 ** max(self.attempts - 1, 0), 3600))


def _private_storage():
    return storages["private"]


class _NoUrlFile(FieldFile):
    @property
    def url(self):
        # The private storage would still build a /media/ link: an attachment has no address at all.
        raise AttributeError("An e-mail's attachment has no URL.")


class AttachmentFileField(models.FileField):
    attr_class = _NoUrlFile


def _attachment_name(attachment, filename):
    # A server-chosen name in the private storage (no URL); the name the recipient sees is `filename`.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"outbox/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file sent with a message (the nominations list to a partner), kept and deleted with it."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("e-mail"))
    filename = models.CharField(_("file name"), max_length=150)
    mimetype = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    file = AttachmentFileField(_("file"), storage=_private_storage, upload_to=_attachment_name, max_length=200)

    class Meta:
        ordering = ["message", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename
