"""The portal's URLs plus a sample private download, for the permission matrix.

The sample sends a signed agreement through attachment_response like the
apps' own download views do; the matrix checks it alongside theirs.
"""

from django.shortcuts import get_object_or_404
from django.urls import path

from oia_portal.private_files import attachment_response
from oia_portal.urls import handler400, handler403, handler404, handler500  # noqa: F401
from oia_portal.urls import urlpatterns as portal_urlpatterns
from partners.models import PartnerUniversity


def sample_partner_logo_download(request, pk):
    partner = get_object_or_404(PartnerUniversity, pk=pk)
    return attachment_response(request, partner.logo, "logo.png", "partners.change_partneruniversity")


urlpatterns = [
    *portal_urlpatterns,
    path("test-downloads/partner-logo/<int:pk>/", sample_partner_logo_download, name="test-partner-logo-download"),
]
