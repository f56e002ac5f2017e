"""The access log listens to private-file downloads wherever they are sent from."""

from privacy.models import AccessLogEntry


def log_private_download(sender, request, instance, **kwargs):
    from privacy.services import log_access

    log_access(request, AccessLogEntry.Action.DOWNLOAD, instance)


def connect():
    from oia_portal.private_files import private_file_sent

    private_file_sent.connect(log_private_download, dispatch_uid="privacy:log-download")
