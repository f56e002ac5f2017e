"""Private documents: applicants' files and signed agreements.

They live in the "private" storage (outside MEDIA_ROOT, no URL), under random
names, and leave the server only through a view that checks a permission and
sends them as attachments.
"""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models.fields.files import FieldFile
from django.dispatch import Signal
from django.http import FileResponse, Http404
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# Sent for every private file that leaves the server (request, instance): the
# access log records it without this module knowing who listens.
private_file_sent = Signal()


MAX_DOCUMENT_MB = MAX_DOCUMENT_BYTES // (1024 * 1024)


def with_size_limit(message):
    """`message` (with %(mb)s) naming the document size limit, read in each request's language.

    Lazy, for help texts built once at import; messages built in a request can use it too.
    """
    return lazy(lambda: gettext(message) % {"mb": MAX_DOCUMENT_MB}, str)()


def pdf_limits_text():
    return with_size_limit(gettext_noop("PDF, at most %(mb)s MB."))


def private_storage():
    return storages["private"]


def validate_pdf(upload):
    """A PDF is judged by its content: it must start with the PDF signature."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(mb)s MB.")
            % {"size": f"{upload.size / 1048576:.1f}", "mb": MAX_DOCUMENT_MB},
            code="document_too_large",
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if not head.lstrip().startswith(b"%PDF-"):
        raise ValidationError(_("This file is not a PDF document."), code="document_not_pdf")
    return upload


class PrivateFieldFile(FieldFile):
    @property
    def url(self):
        # FileSystemStorage with base_url=None still builds /media/... links;
        # a private file has no address at all. AttributeError (not ValueError)
        # so that the admin's file widget shows no link instead of failing.
        raise AttributeError("Private files have no URL; send them with attachment_response().")


class PrivateFileField(models.FileField):
    """FileField in private storage; the uploader's name is never kept on disk."""

    attr_class = PrivateFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def generate_filename(self, instance, filename):
        suffix = PurePosixPath(filename).suffix.lower()[:8]
        return super().generate_filename(instance, f"{uuid.uuid4().hex}{suffix}")

    def formfield(self, **kwargs):
        if validate_pdf in self.validators:
            # Staff read the limits validate_pdf enforces before they pick a file.
            help_text = format_lazy("{} {}", self.help_text, pdf_limits_text()) if self.help_text else pdf_limits_text()
            kwargs = {"help_text": help_text, **kwargs}
        return super().formfield(**kwargs)


def attachment_response(request, fieldfile, download_name, permission):
    """Send a private file to a staff user who holds `permission`."""
    if not (request.user.is_active and request.user.is_staff and request.user.has_perm(permission)):
        raise PermissionDenied
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.storage.open(fieldfile.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    private_file_sent.send(sender=type(fieldfile.instance), request=request, instance=fieldfile.instance)
    response = FileResponse(handle, as_attachment=True, filename=download_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
