"""The outbox in the admin: what was sent, what waits, what failed; send again; bulk-send progress."""

from django.contrib import admin, messages
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from outbox import services
from outbox.models import Attachment, Batch, Message


class AttachmentInline(ReadOnlyInline):
    """The files sent with a message, by name: they are the recipient's, kept privately until the message is purged."""

    model = Attachment
    fields = ("filename", "mimetype", "size")
    readonly_fields = fields


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = (
        "subject",
        "recipient",
        "language",
        "topic",
        "status",
        "attempts",
        "created_at",
        "sent_at",
        "next_attempt_at",
    )
    list_filter = ("status", "topic", "language", "created_at")
    search_fields = ("recipient", "subject")
    date_hierarchy = "created_at"
    list_select_related = ("batch",)
    actions = ["send_again"]
    inlines = [AttachmentInline]
    fields = (
        "status",
        "recipient",
        "language",
        "from_email",
        "subject",
        "body",
        "topic",
        "about_link",
        "batch",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    )
    readonly_fields = fields

    @admin.display(description=_("about"))
    def about_link(self, message):
        if message.about_type_id is None:
            return "–"
        model = message.about_type.model_class()
        if model is None:
            return "–"
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[message.about_id])
        return format_html('<a href="{}">{} #{}</a>', url, model._meta.verbose_name, message.about_id)

    # Sending again is a change to the message (its status and attempts).
    @admin.action(description=_("Send again"), permissions=["resend"])
    def send_again(self, request, queryset):
        count = services.resend(queryset)
        self.message_user(
            request,
            ngettext("%(count)d e-mail will be sent again.", "%(count)d e-mails will be sent again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_resend_permission(self, request):
        return request.user.has_perm("outbox.change_message")


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    list_display = (
        "description",
        "created_by",
        "created_at",
        "status",
        "total",
        "sent",
        "waiting",
        "failed",
        "duration",
    )
    list_filter = ("status", "created_at")
    search_fields = ("description",)
    date_hierarchy = "created_at"
    list_select_related = ("created_by",)
    fields = (
        "description",
        "created_by",
        "created_at",
        "status",
        "total",
        "sent",
        "waiting",
        "failed",
        "duration",
        "messages_link",
        "error",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("messages", filter=Q(messages__status=Message.Status.SENT)),
                waiting_count=Count("messages", filter=Q(messages__status=Message.Status.WAITING)),
                failed_count=Count("messages", filter=Q(messages__status=Message.Status.FAILED)),
                last_sent_at=Max("messages__sent_at"),
            )
        )

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, batch):
        return batch.sent_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, batch):
        return batch.waiting_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed(self, batch):
        return batch.failed_count

    @admin.display(description=_("time taken"))
    def duration(self, batch):
        """From the staff member's click to the last message sent, once nothing waits."""
        if batch.status != Batch.Status.READY or batch.waiting_count or batch.last_sent_at is None:
            return "–"
        seconds = (batch.last_sent_at - batch.created_at).total_seconds()
        return _("%(seconds).1f s") % {"seconds": seconds}

    @admin.display(description=_("e-mails"))
    def messages_link(self, batch):
        url = reverse("admin:outbox_message_changelist") + f"?batch__id__exact={batch.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Each message and its state"))
