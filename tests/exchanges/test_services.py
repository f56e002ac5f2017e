import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from exchanges import services
from exchanges.models import Application, ApplicationDocument, ApplicationStatusChange, MobilityRecord
from tests.core.factories import StaffUserFactory
from tests.exchanges.conftest import pdf_upload
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    chosen_application,
)

pytestmark = pytest.mark.django_db

S = Application.Status


def applicant_data(offers, **changes):
    data = {
        "name_en": "Wang Hsin-Yi", "name_zh": "王欣怡", "student_id": "4B1120001", "email": "4b1120001@stust.example.edu.tw",
        "department": "BA", "year_of_study": 2, "gpa": Decimal("3.80"), "language_test": "ielts",
        "language_score": "7.0", "statement": "Marketing in Europe.",
        "programmes": [offer.programme for offer in offers],
    }
    return {**data, **changes}


def submit(call, offers, language="en", **changes):
    documents = {ApplicationDocument.Kind.TRANSCRIPT: pdf_upload()}
    return services.submit_application(call, applicant_data(offers, **changes), documents, language=language)


def test_submit_creates_application_choices_documents_and_history(open_call, offers):
    application = submit(open_call, offers[:2])
    assert [c.programme for c in application.choices.order_by("rank")] == [offers[0].programme, offers[1].programme]
    assert application.documents.get().kind == ApplicationDocument.Kind.TRANSCRIPT
    assert list(application.status_changes.values_list("to_status", flat=True)) == [S.SUBMITTED]


def test_submit_gives_a_yearly_reference_number(open_call, offers):
    first = submit(open_call, offers, student_id="4B0000001", email="4b0000001@stust.example.edu.tw")
    second = submit(open_call, offers, student_id="4B0000002", email="4b0000002@stust.example.edu.tw")
    year = timezone.localdate().year
    assert (first.reference, second.reference) == (f"OIA-{year}-00001", f"OIA-{year}-00002")


def test_submit_stores_documents_under_random_names(open_call, offers):
    document = submit(open_call, offers).documents.get()
    assert "transcript" not in document.file.name
    assert document.file.storage.exists(document.file.name)


def test_confirmation_mail_is_in_the_applicants_language_with_the_status_link(open_call, offers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(open_call, offers, language="zh-hant")
    message = mail.outbox[-1]
    assert message.to == [application.email]
    assert f"{settings.SITE_URL}/zh-hant/programmes/applications/{application.token}/" in message.body
    assert application.reference in message.subject


def test_submit_outside_the_window_is_refused(offers):
    closed = ApplicationCallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=30), closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(services.CallClosed):
        submit(closed, offers)
    assert not Application.objects.exists()


def test_failed_submit_leaves_nothing_half_written(open_call, offers):
    # The application row is written, then its choices break a constraint: all is rolled back.
    twice = [offers[0].programme, offers[0].programme]
    with pytest.raises(IntegrityError):
        submit(open_call, offers, programmes=twice)
    assert not Application.objects.exists()
    assert not ApplicationDocument.objects.exists()
    assert not ApplicationStatusChange.objects.exists()
    assert not mail.outbox


def test_second_application_with_the_same_student_id_is_a_duplicate(open_call, offers):
    first = submit(open_call, offers)
    with pytest.raises(services.DuplicateApplication) as raised:
        submit(open_call, offers, email="someone.else@stust.example.edu.tw")
    assert raised.value.existing == first
    assert Application.objects.count() == 1


def test_second_application_with_the_same_email_is_a_duplicate(open_call, offers):
    first = submit(open_call, offers, student_id="4B0000001", email="mei@stust.example.edu.tw")
    with pytest.raises(services.DuplicateApplication) as raised:
        submit(open_call, offers, student_id="4B0000002", email="MEI@stust.example.edu.tw")
    assert raised.value.existing == first
    assert Application.objects.count() == 1


def test_the_database_refuses_a_second_application_with_the_same_email():
    first = ApplicationFactory(email="mei@stust.example.edu.tw")
    with pytest.raises(IntegrityError):
        ApplicationFactory(call=first.call, email="Mei@stust.example.edu.tw")


def test_racing_duplicate_is_caught_by_the_constraints(open_call, offers, monkeypatch):
    from exchanges.models.applications import ApplicationQuerySet

    first = submit(open_call, offers)
    real = ApplicationQuerySet.same_student
    calls = []

    def blind_first_time(self, *args):
        calls.append(args)
        return self.none() if len(calls) == 1 else real(self, *args)  # the race: the check saw nothing

    monkeypatch.setattr(ApplicationQuerySet, "same_student", blind_first_time)
    with pytest.raises(services.DuplicateApplication) as raised:
        submit(open_call, offers)
    assert raised.value.existing == first


# --- Status changes -------------------------------------------------------------------------

def test_change_status_records_who_when_and_note():
    offer = CallProgrammeFactory()
    coordinator = StaffUserFactory()
    application = chosen_application(offer, status=S.SUBMITTED)
    change = services.change_status(application, S.UNDER_REVIEW, by=coordinator, note="Documents complete.")
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        S.SUBMITTED, S.UNDER_REVIEW, coordinator, "Documents complete."
    )
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW


def test_status_mail_is_in_the_language_applied_in(django_capture_on_commit_callbacks):
    offer = CallProgrammeFactory()
    application = chosen_application(offer, status=S.SUBMITTED, language="zh-hant")
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(application, S.UNDER_REVIEW)
    assert "審查中" in mail.outbox[-1].subject


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [(S.SUBMITTED, S.NOMINATED), (S.SUBMITTED, S.ACCEPTED), (S.DECLINED, S.UNDER_REVIEW), (S.WITHDRAWN, S.SUBMITTED),
     (S.UNDER_REVIEW, S.ACCEPTED)],
)
def test_illegal_transitions_are_refused(from_status, to_status):
    application = ApplicationFactory(status=from_status)
    with pytest.raises(services.IllegalTransition):
        services.change_status(application, to_status)
    application.refresh_from_db()
    assert application.status == from_status
    assert not mail.outbox


def test_nomination_takes_a_seat():
    offer = CallProgrammeFactory(seats=1)
    application = chosen_application(offer)
    services.change_status(application, S.NOMINATED, programme=offer.programme)
    application.refresh_from_db()
    assert application.nominated_programme == offer.programme


def test_nomination_beyond_the_seats_is_refused():
    offer = CallProgrammeFactory(seats=1)
    services.change_status(chosen_application(offer), S.NOMINATED, programme=offer.programme)
    second = chosen_application(offer)
    with pytest.raises(services.NoSeatsLeft):
        services.change_status(second, S.NOMINATED, programme=offer.programme)
    second.refresh_from_db()
    assert second.status == S.UNDER_REVIEW


def test_declined_nomination_frees_its_seat():
    offer = CallProgrammeFactory(seats=1)
    first = chosen_application(offer)
    services.change_status(first, S.NOMINATED, programme=offer.programme)
    services.change_status(first, S.DECLINED)
    second = chosen_application(offer)
    services.change_status(second, S.NOMINATED, programme=offer.programme)
    second.refresh_from_db()
    assert second.status == S.NOMINATED
    assert offer.seats_claimed_now() == 1


def test_nomination_to_a_programme_not_chosen_is_refused():
    offer = CallProgrammeFactory(seats=3)
    other = CallProgrammeFactory(call=offer.call, seats=3)
    with pytest.raises(services.NoSeatsLeft):
        services.change_status(chosen_application(offer), S.NOMINATED, programme=other.programme)


def test_nomination_needs_a_programme():
    with pytest.raises(services.NoSeatsLeft):
        services.change_status(chosen_application(CallProgrammeFactory()), S.NOMINATED)


def test_applicant_may_withdraw_while_the_call_is_open():
    application = chosen_application(CallProgrammeFactory(), status=S.SUBMITTED)
    services.withdraw_by_applicant(application)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_applicant_cannot_withdraw_after_the_call_closed():
    call = ApplicationCallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=30), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    application = ApplicationFactory(call=call)
    with pytest.raises(services.CallClosed):
        services.withdraw_by_applicant(application)


# --- Mobility records -----------------------------------------------------------------------

def accepted_application():
    offer = CallProgrammeFactory(call=ApplicationCallFactory(academic_year=2027))
    application = chosen_application(offer)
    services.change_status(application, S.NOMINATED, programme=offer.programme)
    services.change_status(application, S.ACCEPTED)
    return application


def test_mobility_record_from_accepted_application():
    application = accepted_application()
    record = services.create_mobility_record(application)
    assert (record.student_name, record.partner, record.programme, record.academic_year) == (
        application.name_en, application.nominated_programme.partner, application.nominated_programme, 2027
    )
    assert record.department == "Department of Electrical Engineering"


def test_mobility_record_is_created_once():
    application = accepted_application()
    services.create_mobility_record(application)
    with pytest.raises(services.IllegalTransition):
        services.create_mobility_record(application)
    assert MobilityRecord.objects.count() == 1


def test_mobility_record_needs_an_accepted_application():
    with pytest.raises(services.IllegalTransition):
        services.create_mobility_record(ApplicationFactory(status=S.UNDER_REVIEW))
