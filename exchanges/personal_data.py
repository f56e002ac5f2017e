"""The personal data of applicants and students abroad, and how long each kind is kept.

Only the fields that are *not* personal are named here; every other value
column of these models is personal by default (see privacy.registry).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchanges.models import (
    Application,
    ApplicationChoice,
    ApplicationDocument,
    ApplicationStatusChange,
    ChecklistAnswer,
    ChecklistReminder,
    CriterionScore,
    MobilityRecord,
    Nomination,
    PlacementOverride,
    WaitingListEntry,
)
from privacy import services
from privacy.registry import RetentionKind, add_retention, register

register(
    Application,
    keep=("reference", "department", "year_of_study", "status", "language", "created_at", "updated_at"),
    sensitive=("student_id", "gpa"),
    link_field="token",
    slug="application",
    label=lambda application: application.reference,
    purpose=_("To select students for exchange places, nominate them to partner universities and write to them."),
)
register(ApplicationChoice, keep=("rank",), purpose=_("The programmes an applicant ranked."))
register(
    ApplicationDocument,
    # The whole row goes when the file goes; only the file is personal while it is held.
    keep=("kind", "content_type", "size", "uploaded_at"),
    delete_rows=True,
    label=lambda document: f"{document.application.reference} {document.kind}",
    purpose=_("Transcripts and language certificates, read during the selection."),
)
register(
    ApplicationStatusChange,
    keep=("from_status", "to_status", "changed_at"),
    purpose=_("The history of an application the applicant sees on their status page."),
)
register(
    CriterionScore,
    delete_rows=True,
    erase_values={"points": 0},
    label=lambda score: f"{score.application.reference} {score.criterion_id}",
    purpose=_("Scores on the call's other selection criteria."),
)
register(
    Nomination,
    keep=("nominated_at", "sent_at", "decision", "decided_at"),
    label=lambda nomination: nomination.application.reference,
    purpose=_("The nomination to the partner university and its decision, with the acceptance letter."),
)
register(
    ChecklistAnswer,
    # An answer is the document or the information itself: erasing it removes the row.
    keep=("content_type", "size", "completed_at"),
    delete_rows=True,
    label=lambda answer: f"{answer.application.reference} {answer.item_id}",
    purpose=_("Documents and information for the departure: consent, insurance, visa, emergency contact, "
              "address abroad."),
)
# Rows about an applicant's place in the selection: figures and structure only, kept with the record.
register(PlacementOverride, keep=("kind", "created_at"), purpose=_("A coordinator's pin or exclusion in a placement."))
register(WaitingListEntry, keep=("position", "promoted_at"), purpose=_("A place on a programme's waiting list."))
register(
    ChecklistReminder,
    keep=("threshold_days", "sent_at"),
    purpose=_("When a student was reminded of a pre-departure checklist item."),
)
register(
    MobilityRecord,
    keep=("direction", "department", "academic_year", "starts_on", "ends_on", "created_at"),
    purpose=_("Who is abroad, for the office's duty of care; the counts become the published figures."),
)

NOT_SELECTED = ~Q(application__status__in=Application.SEAT_HOLDING) & Q(application__mobility_record__isnull=True)


def delete_unselected_documents(cutoff):
    return services.delete_each(
        ApplicationDocument.objects.filter(NOT_SELECTED, application__call__closes_at__lt=cutoff)
    )


def delete_abroad_documents(cutoff):
    # Credit recognition is not recorded yet: the stay's last day stands in for it.
    return services.delete_each(ApplicationDocument.objects.filter(application__mobility_record__ends_on__lt=cutoff))


def anonymise_applications(cutoff):
    return services.erase_each(Application.objects.filter(call__closes_at__lt=cutoff))


def anonymise_mobility_names(cutoff):
    return services.erase_each(
        MobilityRecord.objects.filter(
            Q(ends_on__lt=cutoff) | Q(ends_on__isnull=True, academic_year__lt=cutoff.year - 1)
        )
    )


add_retention(RetentionKind(
    code="exchanges.unselected-documents",
    label=_("Documents of applicants who were not selected"),
    starts=_("after the application call closes"),
    default_months=6,
    apply=delete_unselected_documents,
    order=10,
))
add_retention(RetentionKind(
    code="exchanges.abroad-documents",
    label=_("Documents of students who went abroad"),
    starts=_("after the stay abroad ends and credits are recognised"),
    default_months=12,
    apply=delete_abroad_documents,
    order=20,
))
add_retention(RetentionKind(
    code="exchanges.applications",
    label=_("Applicants' names, contact details, grades and statements"),
    starts=_("after the application call closes"),
    default_months=36,
    apply=anonymise_applications,
    order=30,
))
add_retention(RetentionKind(
    code="exchanges.mobility-names",
    label=_("Names on the records of students abroad (the counts stay)"),
    starts=_("after the stay abroad ends"),
    default_months=60,
    apply=anonymise_mobility_names,
    order=40,
))


def done_with(cutoff):
    """Applications the office no longer works with since before `cutoff`: back from the stay
    abroad, or never going (not placed, no mobility record) and the call closed."""
    back = Q(application__mobility_record__ends_on__lt=cutoff)
    never_going = NOT_SELECTED & Q(application__call__closes_at__lt=cutoff)
    return back | never_going


def delete_checklist_answers(cutoff):
    # Insurance, visa, emergency contacts and addresses abroad serve the stay and nothing after it.
    return services.delete_each(ChecklistAnswer.objects.filter(done_with(cutoff)))


def delete_acceptance_letters(cutoff):
    # The host's decision stays (a figure); the letter with the student's name goes.
    return services.delete_files(Nomination.objects.filter(done_with(cutoff)), "acceptance_letter")


add_retention(RetentionKind(
    code="exchanges.checklists",
    label=_("Pre-departure checklists: documents, emergency contacts, addresses abroad"),
    starts=_("after the stay abroad ends (or the call closes, for those who do not go)"),
    default_months=3,
    apply=delete_checklist_answers,
    order=26,
))
add_retention(RetentionKind(
    code="exchanges.acceptance-letters",
    label=_("Host universities' acceptance letters"),
    starts=_("after the stay abroad ends (or the call closes, for those who do not go)"),
    default_months=12,
    apply=delete_acceptance_letters,
    order=28,
))
