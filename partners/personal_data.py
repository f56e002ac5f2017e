"""Partner universities' contact people are personal data too (see privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from partners.models import PartnerContact
from privacy.registry import register

register(
    PartnerContact,
    keep=("role",),
    purpose=_("To reach the people who run an agreement at each partner university."),
)
