"""The kinds of data the lifecycle stages added: checklists, acceptance letters, incoming students, e-mails.

Each kind removes its rows on one side of its period and keeps those on the other; figures stay.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_images import minimal_pdf
from exchanges.models import ChecklistAnswer, ChecklistItem, MobilityRecord, Nomination
from incoming.models import IncomingApplication, IncomingDocument
from outbox.models import Message
from privacy import services
from privacy.registry import registry
from tests.incoming.factories import IncomingApplicationFactory
from tests.privacy.test_erasure import figures
from tests.privacy.test_retention import applicant, call_closed, days_ago

pytestmark = pytest.mark.django_db

NOW = timezone.now()
NEW_KINDS = (
    "exchanges.checklists",
    "exchanges.acceptance-letters",
    "incoming.documents",
    "incoming.applications",
    "outbox.messages",
)


def test_the_new_kinds_are_declared_and_applied_by_the_job():
    for code in NEW_KINDS:
        assert registry.retention[code].apply is not None, code


def checklist_and_letter(application):
    item = ChecklistItem.objects.create(
        call=application.call, kind="document", title="Emergency contact", due_on=NOW.date()
    )
    answer = ChecklistAnswer.objects.create(
        application=application,
        item=item,
        text="Mother, +886 912 345 678",
        document=ContentFile(minimal_pdf("Insurance"), name="insurance.pdf"),
    )
    choice = application.choices.first()
    nomination = Nomination.objects.create(
        application=application,
        call=application.call,
        programme=choice.programme,
        partner=choice.programme.partner,
        decision="accepted",
        decided_at=NOW,
        acceptance_letter=ContentFile(minimal_pdf("Letter"), name="letter.pdf"),
    )
    return answer, nomination


@pytest.fixture
def outbound():
    closed = call_closed(days=500)
    back_long_ago = applicant(closed, "accepted", abroad_until=days_ago(400).date())  # past 3 and 12 months
    back_lately = applicant(closed, "accepted", abroad_until=days_ago(30).date())  # within both
    not_going = applicant(call_closed(days=150), "declined")  # call closed 5 months ago: checklist past 3
    return {
        name: (application, *checklist_and_letter(application))
        for name, application in (
            ("back_long_ago", back_long_ago),
            ("back_lately", back_lately),
            ("not_going", not_going),
        )
    }


def test_checklists_and_letters_go_after_their_periods(outbound):
    files = {
        name: (answer.document.name, nomination.acceptance_letter.name)
        for name, (_a, answer, nomination) in outbound.items()
    }
    storage = ChecklistAnswer._meta.get_field("document").storage
    before = figures()

    run = services.apply_retention(now=NOW)

    assert run.removed["exchanges.checklists"] == 2
    assert run.removed["exchanges.acceptance-letters"] == 1
    remaining = set(ChecklistAnswer.objects.values_list("application_id", flat=True))
    assert remaining == {outbound["back_lately"][0].pk}
    assert not storage.exists(files["back_long_ago"][0]) and not storage.exists(files["not_going"][0])
    assert storage.exists(files["back_lately"][0])
    letters = dict(Nomination.objects.values_list("application_id", "acceptance_letter"))
    assert letters[outbound["back_long_ago"][0].pk] == ""
    assert letters[outbound["back_lately"][0].pk] and letters[outbound["not_going"][0].pk]
    assert not storage.exists(files["back_long_ago"][1])
    # The decision stays, and so does every figure.
    assert set(Nomination.objects.values_list("decision", flat=True)) == {"accepted"}
    assert figures() == before
    assert services.apply_retention(now=NOW).total == 0


def test_incoming_students_documents_and_data_go_after_the_academic_year(django_capture_on_commit_callbacks):
    old = IncomingApplicationFactory(
        accepted=True, academic_year=NOW.year - 4, name="Kenta Oldyear", passport_number="TZ1234567"
    )
    current = IncomingApplicationFactory(accepted=True, academic_year=NOW.year, name="Mei Thisyear")
    for application in (old, current):
        IncomingDocument.objects.create(
            application=application, kind="passport", size=10, file=ContentFile(minimal_pdf("Passport"), name="p.pdf")
        )
        application.mobility_record = MobilityRecord.objects.create(
            direction="incoming",
            student_name=application.name,
            partner=application.partner,
            academic_year=application.academic_year,
        )
        application.save()
    counts_before = sorted(MobilityRecord.objects.values_list("direction", "academic_year"))

    with django_capture_on_commit_callbacks(execute=True):  # the mobility record's name follows on commit
        run = services.apply_retention(now=NOW)

    assert run.removed["incoming.documents"] == 1
    assert run.removed["incoming.applications"] == 1
    assert set(IncomingDocument.objects.values_list("application_id", flat=True)) == {current.pk}
    old.refresh_from_db()
    current.refresh_from_db()
    assert "Oldyear" not in old.name and old.passport_number != "TZ1234567"
    assert (old.status, old.academic_year) == ("accepted", NOW.year - 4)
    assert current.name == "Mei Thisyear"
    assert "Oldyear" not in MobilityRecord.objects.get(pk=old.mobility_record_id).student_name
    assert sorted(MobilityRecord.objects.values_list("direction", "academic_year")) == counts_before
    assert IncomingApplication.objects.count() == 2


def test_delivered_e_mails_go_after_their_period_waiting_ones_stay():
    def message(status, days):
        return Message.objects.create(
            recipient="someone@example.org",
            from_email="oia@example.edu",
            subject="S",
            body="B",
            topic="events/email/registered",
            status=status,
            created_at=NOW - datetime.timedelta(days=days),
            sent_at=NOW - datetime.timedelta(days=days) if status == "sent" else None,
        )

    old_sent, old_failed, old_waiting, new_sent = (
        message("sent", 120),
        message("failed", 120),
        message("waiting", 120),
        message("sent", 10),
    )
    run = services.apply_retention(now=NOW)
    assert run.removed["outbox.messages"] == 2
    assert set(Message.objects.values_list("pk", flat=True)) == {old_waiting.pk, new_sent.pk}
    assert not Message.objects.filter(pk__in=[old_sent.pk, old_failed.pk]).exists()
