import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_images import minimal_pdf
from exchanges.models import ApplicationDocument, ApplicationStatusChange, ChecklistAnswer, ChecklistItem, Nomination
from tests.events.factories import RegistrationFactory
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    MobilityRecordFactory,
)

# Values no other row of a test database holds, so finding one anywhere means it leaked.
NEEDLES = {
    "name_en": "Zyxqvort Wanderlei",
    "name_zh": "鬱鑾齉",
    "student_id": "4Q9Z7X1K",
    "email": "zyxqvort.wanderlei@stust.example.edu.tw",
    "statement": "Quimbleflax semiconductors are my calling.",
    "language_score": "Blorptastic 7.5",
    "note": "Called Zyxqvort about the interview.",
    "emergency_contact": "Mother Grimbleshanks, +886 900 111 222",
}


def needles_of(*values):
    return [value for value in values if value]


@pytest.fixture
def person(db):
    """An applicant who went abroad, with every kind of row the portal keeps about one."""
    call = ApplicationCallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=60), closes_at=timezone.now() - datetime.timedelta(days=30)
    )
    application = ApplicationFactory(
        call=call,
        name_en=NEEDLES["name_en"],
        name_zh=NEEDLES["name_zh"],
        student_id=NEEDLES["student_id"],
        email=NEEDLES["email"],
        statement=NEEDLES["statement"],
        language_score=NEEDLES["language_score"],
        gpa="3.91",
    )
    choice = ApplicationChoiceFactory(application=application)
    application.status, application.nominated_programme = "accepted", choice.programme
    application.save()
    # Files outlive a test's rolled-back transaction: a marker of this test's own finds only its files.
    marker = uuid.uuid4().hex
    ApplicationDocumentFactory(
        application=application, file=ContentFile(minimal_pdf(f"Transcript of Zyxqvort {marker}"), name="t.pdf")
    )
    ApplicationDocumentFactory(
        application=application,
        kind=ApplicationDocument.Kind.LANGUAGE_CERTIFICATE,
        file=ContentFile(minimal_pdf(f"IELTS Zyxqvort {marker}"), name="c.pdf"),
    )
    application.file_marker = marker
    # The pre-departure checklist (an emergency contact with an insurance certificate) and the host's letter.
    item = ChecklistItem.objects.create(call=call, kind="fact", title="Emergency contact", due_on=timezone.localdate())
    ChecklistAnswer.objects.create(
        application=application,
        item=item,
        text=NEEDLES["emergency_contact"],
        document=ContentFile(minimal_pdf(f"Insurance of Zyxqvort {marker}"), name="i.pdf"),
    )
    Nomination.objects.create(
        application=application,
        call=call,
        programme=choice.programme,
        partner=choice.programme.partner,
        decision="accepted",
        decided_at=timezone.now(),
        acceptance_letter=ContentFile(minimal_pdf(f"Zyxqvort is accepted {marker}"), name="l.pdf"),
    )
    ApplicationStatusChange.objects.create(application=application, to_status="submitted", note=NEEDLES["note"])
    MobilityRecordFactory(
        application=application,
        student_name=NEEDLES["name_en"],
        partner=choice.programme.partner,
        programme=choice.programme,
        department="EE",
    )
    return application


@pytest.fixture
def registrant(db):
    return RegistrationFactory(
        name="Plonkwhistle Averly", email="plonkwhistle@example.org", affiliation="Glarbfield Institute"
    )
