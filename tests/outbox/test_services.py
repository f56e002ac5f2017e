"""The outbox's own rules, in the inline path (jobs run after the test's commit callbacks)."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from events import services as event_services
from events.models import Registration
from outbox import services
from outbox.models import Batch, Message
from tests.events.factories import RegistrationEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """A mail connection to a server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.outbox.test_services.RefusingBackend"


def message(**overrides):
    fields = {"recipient": "a@example.org", "subject": "Hello", "body": "Text", "language": "en", "topic": "test"}
    return services.queue_message(**{**fields, **overrides})


def test_registration_and_its_confirmation_are_stored_together(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory()
    with django_capture_on_commit_callbacks(execute=False):
        registration = event_services.register(event, name="Mei", email="mei@example.org", language="zh-hant")
    stored = Message.objects.get()
    assert (stored.recipient, stored.language, stored.topic) == ("mei@example.org", "zh-hant", "events/email/registered")
    assert stored.about == registration
    assert registration.cancel_token in stored.body
    assert stored.status == Message.Status.WAITING and mail.outbox == []


def test_a_refused_registration_leaves_no_message():
    event = RegistrationEventFactory()
    RegistrationFactory(event=event, email="mei@example.org")
    with pytest.raises(event_services.RegistrationError):
        event_services.register(event, name="Mei", email="MEI@example.org")
    assert not Message.objects.exists()


def test_delivery_sends_once_and_records_the_time(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = message()
    stored.refresh_from_db()
    assert stored.status == Message.Status.SENT and stored.sent_at is not None and stored.attempts == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert services.deliver(stored.pk) is False  # a second delivery of the same message sends nothing
    assert len(mail.outbox) == 1


def test_html_part_travels_with_the_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message(html_body="<p>Text</p>")
    assert mail.outbox[0].alternatives[0].content == "<p>Text</p>"


def test_refused_delivery_waits_with_back_off_and_the_error(mail_server_down, settings, django_capture_on_commit_callbacks):
    settings.OUTBOX_RETRY_SECONDS = 60
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        stored = message()
    stored.refresh_from_db()
    assert stored.status == Message.Status.WAITING and stored.attempts == 1
    assert "Connection refused" in stored.last_error
    assert stored.next_attempt_at >= before + datetime.timedelta(seconds=60)
    services.deliver(stored.pk)
    stored.refresh_from_db()
    assert stored.next_attempt_at >= timezone.now() + datetime.timedelta(seconds=119)  # doubled


def test_back_off_doubles_and_stops_at_an_hour(settings):
    settings.OUTBOX_RETRY_SECONDS = 60
    waits = [Message(attempts=n).backoff().total_seconds() for n in (1, 2, 3, 7, 9)]
    assert waits == [60, 120, 240, 3600, 3600]


def test_message_fails_for_good_after_the_last_attempt(mail_server_down):
    stored = message()
    Message.objects.filter(pk=stored.pk).update(attempts=services.MAX_ATTEMPTS - 1)
    services.deliver(stored.pk)
    stored.refresh_from_db()
    assert stored.status == Message.Status.FAILED
    assert not Message.objects.due(timezone.now() + datetime.timedelta(days=1)).exists()


def test_retry_sweep_delivers_only_what_is_due(settings):
    due = message(recipient="due@example.org")
    later = message(recipient="later@example.org")
    Message.objects.filter(pk=later.pk).update(next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))
    assert services.deliver_due() == 1
    assert [m.to for m in mail.outbox] == [[due.recipient]]


def test_resend_puts_a_sent_message_back_in_line(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = message()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resend(Message.objects.filter(pk=stored.pk)) == 1
    stored.refresh_from_db()
    assert stored.status == Message.Status.SENT and len(mail.outbox) == 2


def test_batch_is_prepared_once_however_often_the_job_runs(django_capture_on_commit_callbacks):
    event = RegistrationEventFactory(capacity=None)
    RegistrationFactory.create_batch(3, event=event)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=False):
        batch = event_services.email_registrants([event], "Room change", "Hall K101")
    assert services.prepare_batch(batch.pk) == 3
    assert services.prepare_batch(batch.pk) == 0
    batch.refresh_from_db()
    assert batch.status == Batch.Status.READY and batch.total == 3 and batch.messages.count() == 3


def test_batch_with_an_unknown_builder_is_refused_before_it_is_stored():
    with pytest.raises(ImportError):
        services.start_batch(builder="events.services.no_such_builder", description="x", params={})
    assert not Batch.objects.exists()


def test_purge_deletes_only_old_sent_messages(settings):
    from outbox.tasks import purge_old_messages

    settings.OUTBOX_KEEP_DAYS = 90
    old = message(recipient="old@example.org")
    recent = message(recipient="recent@example.org")
    waiting = message(recipient="waiting@example.org")
    long_ago = timezone.now() - datetime.timedelta(days=91)
    Message.objects.filter(pk=old.pk).update(status=Message.Status.SENT, sent_at=long_ago)
    Message.objects.filter(pk=recent.pk).update(status=Message.Status.SENT, sent_at=timezone.now())
    Message.objects.filter(pk=waiting.pk).update(created_at=long_ago)
    purge_old_messages(timestamp=0)
    assert set(Message.objects.values_list("recipient", flat=True)) == {"recent@example.org", "waiting@example.org"}


def test_smtp_errors_other_than_refusal_also_wait_for_a_retry(settings, monkeypatch):
    stored = message()

    def broken(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    assert services.deliver(stored.pk) is False
    stored.refresh_from_db()
    assert stored.status == Message.Status.WAITING and "SMTPServerDisconnected" in stored.last_error
