import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Registration
from tests.events.factories import EventFactory, RegistrationEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def register(event, email, **kwargs):
    return services.register(event, name="A Visitor", email=email, affiliation="NTU", **kwargs)


def test_registration_is_confirmed_while_seats_last(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, "a@example.org")
        second = register(event, "b@example.org")
    assert [first.status, second.status] == ["confirmed", "confirmed"]


def test_registration_beyond_capacity_joins_the_waiting_list():
    event = RegistrationEventFactory(capacity=1)
    register(event, "a@example.org")
    assert register(event, "b@example.org").status == Registration.Status.WAITLISTED


def test_event_without_capacity_confirms_everyone():
    event = RegistrationEventFactory(capacity=None)
    statuses = {register(event, f"p{i}@example.org").status for i in range(5)}
    assert statuses == {Registration.Status.CONFIRMED}


def test_same_email_cannot_register_twice_for_an_event():
    event = RegistrationEventFactory()
    register(event, "a@example.org")
    with pytest.raises(services.RegistrationError):
        register(event, "A@Example.org")
    assert event.registrations.count() == 1


def test_same_email_may_register_again_after_cancelling():
    event = RegistrationEventFactory()
    services.cancel(register(event, "a@example.org"))
    assert register(event, "a@example.org").status == Registration.Status.CONFIRMED


def test_same_email_may_register_for_two_events():
    register(RegistrationEventFactory(), "a@example.org")
    assert register(RegistrationEventFactory(), "a@example.org").pk


def test_database_refuses_a_second_active_registration_for_one_email():
    from django.db import IntegrityError, transaction

    registration = RegistrationFactory(email="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=registration.event, email="A@example.org")


def test_registration_closes_after_the_deadline():
    event = RegistrationEventFactory(registration_deadline=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(services.RegistrationError, match="deadline"):
        register(event, "a@example.org")
    assert not event.registrations.exists()


def test_registration_closes_once_the_event_has_started():
    start = timezone.now() - datetime.timedelta(minutes=5)
    event = RegistrationEventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), registration_deadline=None)
    with pytest.raises(services.RegistrationError, match="started"):
        register(event, "a@example.org")


def test_event_without_registration_refuses_registrations():
    with pytest.raises(services.RegistrationError):
        register(EventFactory(registration_open=False), "a@example.org")


def test_confirmation_mail_is_sent_in_the_visitors_language_with_the_cancel_link(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, "a@example.org", language="zh-hant")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.org"]
    assert "報名成功" in message.subject
    assert registration.cancel_token in message.body
    assert "/zh-hant/events/registrations/" in message.body


def test_waitlisted_visitor_is_told_they_are_waiting(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=1)
    register(event, "a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "b@example.org")
    assert mail.outbox[-1].subject.startswith("Waiting list")


def test_cancelling_a_confirmed_seat_promotes_the_first_person_waiting(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=1)
    confirmed = register(event, "a@example.org")
    first_waiting = register(event, "b@example.org")
    register(event, "c@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(confirmed)
    assert promoted == first_waiting
    first_waiting.refresh_from_db()
    assert first_waiting.status == Registration.Status.CONFIRMED
    assert event.registrations.waitlisted().get().email == "c@example.org"
    assert [m.to for m in mail.outbox] == [["b@example.org"]]


def test_cancelling_frees_the_seat_when_nobody_waits():
    event = RegistrationEventFactory(capacity=1)
    services.cancel(register(event, "a@example.org"))
    event.refresh_from_db()
    assert event.seats_left() == 1


def test_cancelling_a_waitlisted_registration_promotes_nobody():
    event = RegistrationEventFactory(capacity=1)
    register(event, "a@example.org")
    waiting = register(event, "b@example.org")
    register(event, "c@example.org")
    assert services.cancel(waiting) is None
    assert event.registrations.confirmed().count() == 1


def test_cancelling_twice_changes_nothing():
    registration = register(RegistrationEventFactory(), "a@example.org")
    services.cancel(registration)
    assert services.cancel(registration) is None
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_cancel_tokens_are_long_and_unique():
    event = RegistrationEventFactory(capacity=None)
    tokens = {register(event, f"p{i}@example.org").cancel_token for i in range(5)}
    assert len(tokens) == 5
    assert all(len(token) >= 40 for token in tokens)


def test_email_registrants_sends_one_personal_mail_to_each_confirmed_person(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=1)
    register(event, "a@example.org")
    register(event, "b@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.email_registrants([event], "Room change", "We moved to room K101.", [Registration.Status.CONFIRMED])
    assert batch.messages.count() == 1 and len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.org"]
    assert mail.outbox[0].subject == "Room change"
    assert "K101" in mail.outbox[0].body


def test_database_refuses_a_deadline_after_the_start():
    from django.db import IntegrityError

    event = RegistrationEventFactory()
    event.registration_deadline = event.starts_at + datetime.timedelta(minutes=1)
    with pytest.raises(IntegrityError):
        event.save()


def test_plain_text_emails_carry_the_characters_typed_not_html_entities(django_capture_on_commit_callbacks):
    from events import services as event_services
    from tests.events.factories import RegistrationEventFactory

    event = RegistrationEventFactory(title_en="R&D <2027> \"Open\" Day", venue_en="Lab <B>")
    with django_capture_on_commit_callbacks(execute=True):
        event_services.register(event, name="Mei & <Lin>", email="mei@example.org", consent=True, language="en")
    message = mail.outbox[-1]
    assert 'R&D <2027> "Open" Day' in message.subject
    assert 'R&D <2027> "Open" Day' in message.body and "Mei & <Lin>" in message.body and "Lab <B>" in message.body
    assert "&amp;" not in message.subject + message.body and "&lt;" not in message.subject + message.body
