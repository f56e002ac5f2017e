"""The privacy app's own retention kinds: the access log, handled requests, and backups."""

from django.utils.translation import gettext_lazy as _

from outbox.models import Attachment, Message
from privacy import services
from privacy.registry import RetentionKind, add_retention, register

add_retention(
    RetentionKind(
        code="privacy.access-log",
        label=_("The log of who viewed or downloaded personal data"),
        starts=_("after the entry is written"),
        default_months=24,
        apply=services.expire_access_log,
        order=80,
    )
)
add_retention(
    RetentionKind(
        code="privacy.requests",
        label=_("Records of erasure requests carried out"),
        starts=_("after the request is carried out"),
        default_months=36,
        apply=services.expire_handled_requests,
        order=85,
    )
)


def delete_delivered_messages(cutoff):
    # Waiting messages are still to be sent; delivered and failed ones only served the sending.
    deleted, _by_model = Message.objects.exclude(status=Message.Status.WAITING).filter(created_at__lt=cutoff).delete()
    return deleted


add_retention(
    RetentionKind(
        code="outbox.messages",
        label=_("E-mails the portal sent (address, subject and text)"),
        starts=_("after the e-mail is written"),
        default_months=3,
        apply=delete_delivered_messages,
        order=70,
    )
)
# Backups are rotated by the backup scripts, outside the portal; the page states their period.
add_retention(
    RetentionKind(
        code="privacy.backups",
        label=_("Backups of the database and uploaded files"),
        starts=_("after the backup is made"),
        default_months=1,
        apply=None,
        order=90,
    )
)

# The outbox keeps each e-mail about a person (an application, a registration) until it is
# purged: its address and text are that person's data, found through the message's `about`.
register(
    Message,
    keep=(
        "language",
        "from_email",
        "topic",
        "about_id",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ),
    purpose=_("E-mails the portal sent or is sending to you, kept until delivered and then for a short time."),
)
# A message's files (the nominees' list sent to a partner) go with the message.
register(
    Attachment,
    delete_rows=True,
    purpose=_("Files sent with those e-mails, such as the list of nominees sent to a partner university."),
)
