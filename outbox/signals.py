"""An attachment's file leaves the disk with its row (a purged or erased message takes it along)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from outbox.models import Attachment


@receiver(post_delete, sender=Attachment, dispatch_uid="outbox_delete_attachment_file")
def delete_attachment_file(sender, instance, **kwargs):
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        # Only once the deletion is committed: a rolled-back purge keeps its files.
        transaction.on_commit(lambda: storage.delete(name))
