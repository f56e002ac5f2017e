"""Applicants' documents leave the disk with their record: no orphaned personal files."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from exchanges.models import ApplicationDocument, ChecklistAnswer, Nomination


def _delete_after_commit(fieldfile):
    if fieldfile:
        name, storage = fieldfile.name, fieldfile.storage
        # Only once the deletion is committed: a rolled-back delete keeps its file.
        transaction.on_commit(lambda: storage.delete(name))


@receiver(post_delete, sender=ApplicationDocument, dispatch_uid="exchanges_delete_document_file")
def delete_document_file(sender, instance, **kwargs):
    _delete_after_commit(instance.file)


@receiver(post_delete, sender=ChecklistAnswer, dispatch_uid="exchanges_delete_checklist_document")
def delete_checklist_document(sender, instance, **kwargs):
    _delete_after_commit(instance.document)


@receiver(post_delete, sender=Nomination, dispatch_uid="exchanges_delete_acceptance_letter")
def delete_acceptance_letter(sender, instance, **kwargs):
    _delete_after_commit(instance.acceptance_letter)
