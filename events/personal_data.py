"""Registrants' personal data and how long it is kept (see privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from events.models import Registration
from privacy import services
from privacy.registry import RetentionKind, add_retention, register

register(
    Registration,
    keep=("status", "language", "consent", "created_at", "cancelled_at"),
    link_field="cancel_token",
    slug="registration",
    label=lambda registration: f"{registration._meta.verbose_name} #{registration.pk}",
    purpose=_("To hold a seat at an event, write to registrants and count who came."),
)


def anonymise_past_registrations(cutoff):
    return services.erase_each(Registration.objects.filter(event__ends_at__lt=cutoff))


add_retention(RetentionKind(
    code="events.registrations",
    label=_("Registrations for events"),
    starts=_("after the event ends"),
    default_months=12,
    apply=anonymise_past_registrations,
    order=50,
))
