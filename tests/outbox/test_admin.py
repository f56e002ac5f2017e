import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from outbox import services
from outbox.models import Batch, Message
from tests.core import users
from tests.events.factories import RegistrationEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def queue(n, **fields):
    return [
        services.queue_message(
            recipient=f"p{i}@example.org", subject=f"Subject {i}", body="Body", language="en", topic="test", **fields
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("rows", [1, 20])
def test_message_changelist_runs_a_constant_number_of_queries(superuser_client, django_assert_num_queries, rows):
    queue(rows)
    superuser_client.get(reverse("admin:outbox_message_changelist"))  # warm the site settings
    with django_assert_num_queries(10):  # one of them writes the access-log entry: the messages are personal data
        response = superuser_client.get(reverse("admin:outbox_message_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("batches", [1, 10])
def test_bulk_send_changelist_runs_a_constant_number_of_queries(superuser_client, django_assert_num_queries, batches):
    for n in range(batches):
        batch = Batch.objects.create(kind="events.services.announcement_messages", description=f"Send {n}")
        queue(3, batch=batch)
    superuser_client.get(reverse("admin:outbox_batch_changelist"))
    with django_assert_num_queries(7):
        response = superuser_client.get(reverse("admin:outbox_batch_changelist"))
    assert response.status_code == 200


def test_changelist_tells_waiting_sent_and_failed_apart(superuser_client):
    waiting, sent, failed = queue(3)
    Message.objects.filter(pk=sent.pk).update(status=Message.Status.SENT, sent_at=sent.created_at)
    Message.objects.filter(pk=failed.pk).update(status=Message.Status.FAILED, last_error="SMTPRecipientsRefused")
    response = superuser_client.get(reverse("admin:outbox_message_changelist"), {"status__exact": "failed"})
    assert [m.pk for m in response.context["cl"].result_list] == [failed.pk]


def test_send_again_delivers_a_failed_message(superuser_client, django_capture_on_commit_callbacks):
    (failed,) = queue(1)
    Message.objects.filter(pk=failed.pk).update(status=Message.Status.FAILED, attempts=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            reverse("admin:outbox_message_changelist"), {"action": "send_again", ACTION_CHECKBOX_NAME: [failed.pk]}
        )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Message.Status.SENT, 1)
    assert [m.to for m in mail.outbox] == [["p0@example.org"]]


def test_message_page_links_to_what_it_is_about(superuser_client):
    registration = RegistrationFactory()
    (message,) = queue(1, about=registration)
    page = superuser_client.get(reverse("admin:outbox_message_change", args=[message.pk])).content.decode()
    assert reverse("admin:events_registration_change", args=[registration.pk]) in page


def test_editor_follows_a_bulk_send_but_cannot_read_the_messages(client):
    event = RegistrationEventFactory()
    batch = Batch.objects.create(kind="events.services.announcement_messages", description="Room change")
    queue(2, batch=batch)
    client.force_login(users.staff(groups=["Communications"]))
    page = client.get(reverse("admin:outbox_batch_change", args=[batch.pk]))
    assert page.status_code == 200 and "Room change" in page.content.decode()
    assert client.get(reverse("admin:outbox_message_changelist")).status_code == 403
    assert event.pk  # the editor's own events stay theirs; only the outbox is in question here


def test_bulk_send_page_is_translated(superuser_client):
    Batch.objects.create(kind="events.services.announcement_messages", description="Room change")
    page = superuser_client.get("/admin/outbox/batch/", HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "群發" in page
