"""The fact sheet's PDFs follow the fact sheet and the site settings they are built from; an issued
letter leaves the disk with its application."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.models import SiteSettings
from incoming.models import FactSheet, IncomingApplication


@receiver(post_save, sender=FactSheet, dispatch_uid="incoming_fact_sheet_pdf_changed")
@receiver(post_save, sender=SiteSettings, dispatch_uid="incoming_site_settings_pdf_changed")
def rebuild_fact_sheet_pdfs(sender, **kwargs):
    from django.conf import settings

    from incoming import letters, tasks
    from jobs.queue import defer

    # The old copies go now (a visitor meanwhile gets a fresh one built); a worker builds the new.
    cache.delete_many([letters.FACT_SHEET_PDF_KEY.format(language=code) for code, _name in settings.LANGUAGES])
    defer(tasks.rebuild_fact_sheet_pdfs)


@receiver(post_delete, sender=IncomingApplication, dispatch_uid="incoming_delete_letter_pdf")
def delete_letter_pdf(sender, instance, **kwargs):
    if instance.letter_pdf:
        name, storage = instance.letter_pdf.name, instance.letter_pdf.storage
        transaction.on_commit(lambda: storage.delete(name))  # a rolled-back delete keeps its file
