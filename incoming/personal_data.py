"""Incoming students' and partners' coordinators' personal data (see privacy.registry).

Only the fields that are *not* personal are named; every other value column is personal
by default, so a field added later is exported and erased without a list to update.
"""

from django.utils.translation import gettext_lazy as _

from exchanges.models import MobilityRecord
from incoming.models import IncomingApplication, IncomingDocument, IncomingStatusChange, NominationLogEntry
from incoming.models.applications import new_letter_code
from privacy import services
from privacy.models import ErasedRecord
from privacy.registry import RetentionKind, add_retention, register
from privacy.signals import personal_data_erased

register(
    IncomingApplication,
    keep=(
        "reference", "status", "language", "study_level", "academic_year", "term", "wanted_department", "housing",
        "needs_visa", "visa_letter_requested", "created_at", "updated_at", "submitted_at", "accepted_at",
    ),
    sensitive=("passport_number", "date_of_birth", "nationality"),
    # An accepted application keeps a (new, meaningless) letter code: the database requires one.
    erase_values={"letter_code": lambda application: new_letter_code() if application.letter_code else None},
    link_field="token",
    slug="incoming",
    label=lambda application: application.reference,
    purpose=_("To admit partners' exchange students, issue their acceptance letter and prepare their arrival."),
)
register(
    IncomingDocument,
    delete_rows=True,
    label=lambda document: f"{document.application.reference} {document.kind}",
    purpose=_("Passport copies, transcripts and language certificates, read during admission."),
)
register(
    IncomingStatusChange,
    keep=("from_status", "to_status", "changed_at"),
    purpose=_("The history of an incoming application the student sees on their page."),
)
register(
    NominationLogEntry,
    keep=("outcome", "link_fingerprint", "created_at"),
    purpose=_("Who nominated whom through a partner's link, to trace misuse of the link."),
)


def _erase_incoming_mobility_names(sender, pks, **kwargs):
    """An incoming student's mobility record points away from the application (exchanges
    knows nothing of incoming), so erasure does not reach it by itself: follow it here,
    keeping the record (and every figure) but not the name."""
    if pks:
        services.erase_each(
            MobilityRecord.objects.filter(incoming_application__pk__in=pks), cause=ErasedRecord.Cause.REQUEST
        )


personal_data_erased.connect(
    _erase_incoming_mobility_names, sender=IncomingApplication, dispatch_uid="incoming:erase-mobility-names"
)


def stay_over(cutoff):
    """Incoming applications whose academic year ended (on 31 July after it) before `cutoff`."""
    last_year = cutoff.year - 1 if (cutoff.month, cutoff.day) > (7, 31) else cutoff.year - 2
    return IncomingApplication.objects.filter(academic_year__lte=last_year)


def delete_incoming_documents(cutoff):
    return services.delete_each(IncomingDocument.objects.filter(application__in=stay_over(cutoff)))


def anonymise_incoming_applications(cutoff):
    return services.erase_each(stay_over(cutoff))


add_retention(RetentionKind(
    code="incoming.documents",
    label=_("Incoming students' passports, transcripts and certificates"),
    starts=_("after the academic year of the exchange ends"),
    default_months=6,
    apply=delete_incoming_documents,
    order=60,
))
add_retention(RetentionKind(
    code="incoming.applications",
    label=_("Incoming students' names, contact details and arrival information (the counts stay)"),
    starts=_("after the academic year of the exchange ends"),
    default_months=36,
    apply=anonymise_incoming_applications,
    order=65,
))
