"""The access log, retention periods and runs, people's requests, and what was erased."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLogQuerySet(models.QuerySet):
    def older_than(self, cutoff):
        return self.filter(at__lt=cutoff)

    def about(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AccessLogEntry(models.Model):
    """Who saw or took which personal data, when, and from where. Written by the portal only."""

    class Action(models.TextChoices):
        DOWNLOAD = "download", _("Downloaded a private document")
        VIEW = "view", _("Viewed a record in the admin")
        EXPORT = "export", _("Exported personal data")
        SELF_EXPORT = "self-export", _("The person downloaded their own data")
        ERASURE = "erasure", _("Erased personal data")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept apart from the foreign key: the log still says who it was after the account is deleted.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kind of record")
    )
    object_id = models.CharField(_("record number"), max_length=40, blank=True)
    # A reference number or row number, never a name: the log must not itself need erasing.
    object_label = models.CharField(_("record"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=1, help_text=_("How many records an export held."))
    path = models.CharField(_("address"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '—'} {self.action} {self.object_label}"


class RetentionRule(models.Model):
    """How long one kind of data is kept; the privacy page states these same periods."""

    kind = models.CharField(_("kind of data"), max_length=60, unique=True)
    months = models.PositiveSmallIntegerField(
        _("kept for (months)"), help_text=_("Counted from the moment stated for this kind of data.")
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [models.CheckConstraint(condition=Q(months__gte=1, months__lte=1200), name="retention_months_range")]

    def __str__(self):
        return str(self.definition.label) if self.definition else self.kind

    @property
    def definition(self):
        from privacy.registry import registry

        return registry.retention.get(self.kind)


class RetentionRun(models.Model):
    """One pass of the retention job and what it removed, per kind of data."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("Scheduled")
        COMMAND = "command", _("Command line")
        DEMO = "demo", _("Demo data")

    started_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    trigger = models.CharField(_("started by"), max_length=10, choices=Trigger.choices, default=Trigger.COMMAND)
    removed = models.JSONField(_("removed"), default=dict, help_text=_("Rows removed or anonymised, per kind of data."))
    total = models.PositiveIntegerField(_("total"), default=0)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}: {self.total}"


class PrivacyRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=PrivacyRequest.Status.PENDING)


class PrivacyRequest(models.Model):
    """A person asked, from their private link, that their data be erased."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Carried out")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of record")
    )
    object_id = models.CharField(_("record number"), max_length=40)
    subject_label = models.CharField(_("record"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried out by"),
    )

    objects = PrivacyRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], condition=Q(status="pending"), name="one_pending_request_per_record"
            ),
            models.CheckConstraint(
                condition=Q(status="pending", handled_at__isnull=True) | Q(status="done", handled_at__isnull=False),
                name="privacy_request_done_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.subject_label} ({self.get_status_display()})"

    @property
    def subject(self):
        return self.content_type.get_object_for_this_type(pk=self.object_id)


class ErasedRecord(models.Model):
    """A record whose personal data is gone: retention and requests skip it from then on."""

    class Cause(models.TextChoices):
        REQUEST = "request", _("The person's request")
        RETENTION = "retention", _("Retention period over")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=40)
    erased_at = models.DateTimeField(default=timezone.now)
    cause = models.CharField(max_length=10, choices=Cause.choices)

    class Meta:
        verbose_name = _("erased record")
        verbose_name_plural = _("erased records")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="erased_once")]

    def __str__(self):
        return f"{self.content_type.model} #{self.object_id}"
