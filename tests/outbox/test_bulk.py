"""Done-when 2: a bulk send to 1,000 registrants returns to the staff member at once,
and the outbox shows the 1,000 delivered against a local SMTP server, with the time."""

import time

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from core.roles import apply_roles
from events.models import Registration
from outbox.models import Batch, Message
from tests.background import run_worker
from tests.core import users
from tests.events.factories import RegistrationEventFactory

pytestmark = pytest.mark.django_db(transaction=True)

REGISTRANTS = 1000


def test_announcement_to_1000_registrants_returns_at_once_and_is_delivered_once(client, queue, smtp, capsys):
    smtp.start()
    event = RegistrationEventFactory(capacity=None, title_en="Exchange fair", title_zh_hant="交換博覽會")
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Registrant {n}",
            email=f"registrant{n}@example.org",
            language="zh-hant" if n % 4 == 0 else "en",
            consent=True,
        )
        for n in range(REGISTRANTS)
    )
    apply_roles(Group, Permission)  # an earlier transactional test may have flushed the groups
    client.force_login(users.staff(groups=["Communications"]))
    client.get(reverse("admin:events_event_changelist"))  # the staff member has the list open

    clicked = time.monotonic()
    response = client.post(
        reverse("admin:events_event_changelist"),
        {
            "action": "email_registrants",
            ACTION_CHECKBOX_NAME: [event.pk],
            "send": "Send",
            "subject": "Room change",
            "message": "The fair moves to hall K101.",
        },
    )
    request_seconds = time.monotonic() - clicked
    assert response.status_code == 302
    # The request recorded the bulk send and one job; not one message was written in it.
    batch = Batch.objects.get()
    assert (batch.status, Message.objects.count()) == (Batch.Status.PREPARING, 0)
    assert request_seconds < 2

    run_worker(concurrency=4)
    delivered_seconds = time.monotonic() - clicked

    batch.refresh_from_db()
    assert batch.total == REGISTRANTS and batch.counts() == {"sent": REGISTRANTS, "waiting": 0, "failed": 0}
    recipients = smtp.recipients()
    assert len(recipients) == REGISTRANTS and len(set(recipients)) == REGISTRANTS
    registration = Registration.objects.get(email="registrant7@example.org")
    received = next(item for item in smtp.received if item.recipients == [registration.email])
    assert received.subject == "Room change" and "K101" in received.text and registration.cancel_token in received.text

    # What the staff member sees: the bulk send's progress and the time it took.
    page = client.get(reverse("admin:outbox_batch_changelist")).content.decode()
    assert f'<td class="field-sent">{REGISTRANTS}</td>' in page
    assert '<td class="field-waiting">0</td>' in page
    taken = client.get(reverse("admin:outbox_batch_change", args=[batch.pk])).content.decode()
    assert " s</div>" in taken

    prepared = (batch.prepared_at - batch.created_at).total_seconds()
    with capsys.disabled():
        print(
            f"\n[bulk test] staff request returned in {request_seconds * 1000:.0f} ms; "
            f"{REGISTRANTS} e-mails written to the outbox {prepared:.1f} s and delivered to the local SMTP server "
            f"{delivered_seconds:.1f} s after the click by one 4-thread worker "
            f"({REGISTRANTS / delivered_seconds:.0f} messages/s)"
        )
