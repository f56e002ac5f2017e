"""What a nominee must do before departure, per call, and each nominee's progress."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.private_files import PrivateFileField
from exchanges.models.applications import Application
from exchanges.models.programmes import ApplicationCall

# Days before an item's due date at which a nominee who has not done it is reminded (0: on the day).
CHECKLIST_REMINDER_THRESHOLDS = (14, 3, 0)


class ChecklistItem(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document to upload")
        FACT = "fact", _("Information to give")
        SESSION = "session", _("Session to attend")

    call = models.ForeignKey(
        ApplicationCall, on_delete=models.CASCADE, related_name="checklist_items", verbose_name=_("call")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, help_text=_("For example: Parental consent, Emergency contact."))
    instructions = models.TextField(_("instructions"), blank=True)
    due_on = models.DateField(_("due on"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["call", "position", "due_on", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("pre-departure checklist")

    def __str__(self):
        return self.title


class ChecklistAnswer(models.Model):
    """A nominee's answer to one item: the uploaded document, the information given, or the
    attendance staff ticked."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="checklist_answers", verbose_name=_("application")
    )
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="answers", verbose_name=_("item"))
    document = PrivateFileField(_("document"), upload_to="checklists/%Y/%m", blank=True)
    content_type = models.CharField(_("content type"), max_length=40, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    text = models.TextField(_("information given"), blank=True, max_length=2000)
    completed_at = models.DateTimeField(_("done at"), default=timezone.now)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("attendance ticked by"),
    )

    # Personal data the student gives: an emergency contact, an address abroad, documents.
    PERSONAL_FIELDS = ("document", "text")

    class Meta:
        ordering = ["application", "item"]
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "item"], name="one_answer_per_checklist_item"),
            # An answer is something done: a document, the information, or a tick by staff.
            models.CheckConstraint(
                condition=~Q(document="") | ~Q(text="") | Q(ticked_by__isnull=False), name="checklist_answer_has_content"
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} — {self.item}"

    def download_name(self):
        suffix = self.document.name.rsplit(".", 1)[-1] if "." in self.document.name else "bin"
        return f"{self.application.reference}-checklist-{self.item_id}.{suffix}"

    def get_download_url(self):
        from django.urls import reverse

        return reverse("admin:exchanges_checklistanswer_document", args=[self.pk])


class ChecklistReminder(models.Model):
    """A reminder that was sent, so each item is reminded once per threshold."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="checklist_reminders", verbose_name=_("application")
    )
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("item"))
    threshold_days = models.PositiveSmallIntegerField(_("days before the due date"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("checklist reminder")
        verbose_name_plural = _("checklist reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "item", "threshold_days"], name="one_checklist_reminder_per_threshold"
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} — {self.item} ({self.threshold_days})"
