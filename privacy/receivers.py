"""The access log listens to private-file downloads wherever they are sent from; caches hear of erasures."""

from privacy.models import AccessLogEntry


def log_private_download(sender, request, instance, **kwargs):
    from privacy.services import log_access

    log_access(request, AccessLogEntry.Action.DOWNLOAD, instance)


def bump_page_cache(sender, **kwargs):
    # Pages and fragments that read the erased model's table render afresh.
    from core.content_cache import bump_table

    bump_table(sender._meta.db_table)


def connect():
    from core.private_files import private_file_sent
    from privacy.signals import personal_data_erased

    private_file_sent.connect(log_private_download, dispatch_uid="privacy:log-download")
    # Erasure writes with update(), which sends no post_save: no cached page may outlive it.
    personal_data_erased.connect(bump_page_cache, dispatch_uid="privacy:page-cache")
