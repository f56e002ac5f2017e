"""Applicants' documents leave the disk with their record: no orphaned personal files."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from exchanges.models import ApplicationDocument


@receiver(post_delete, sender=ApplicationDocument, dispatch_uid="exchanges_delete_document_file")
def delete_document_file(sender, instance, **kwargs):
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        # Only once the deletion is committed: a rolled-back delete keeps its file.
        transaction.on_commit(lambda: storage.delete(name))
