"""Files sent with a message: stored privately with it, delivered with it, deleted with it."""

import datetime
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from exchanges import nominations, placement
from exchanges.models import Application, PartnerDispatch
from jobs.queue import defer
from outbox import services, tasks
from outbox.models import Attachment, Message
from partners.models import PartnerContact
from tests.background import run_worker, wait_for
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationFactory,
    CallProgrammeFactory,
)


def queue_with_file(**extra):
    return services.queue_message(
        recipient="exchange@partner.example.edu",
        subject="Nominations",
        body="Please find our nominees attached.",
        language="en",
        topic="tests/with-file",
        attachments=[("nominees.csv", "Reference,Name\nOUT-1,Lin Mei\n", "text/csv")],
        **extra,
    )


@pytest.mark.django_db
def test_an_attachment_is_stored_privately_and_sent_with_its_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_with_file()
    attachment = message.attachments.get()
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT)) and stored.name != "nominees.csv"
    with pytest.raises(AttributeError):  # no address on the web
        _url = attachment.file.url
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert mail.outbox[0].attachments == [("nominees.csv", "Reference,Name\nOUT-1,Lin Mei\n", "text/csv")]


@pytest.mark.django_db
def test_purging_an_old_message_deletes_its_attachment_file(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_with_file()
    path = Path(message.attachments.get().file.path)
    assert path.exists()
    Message.objects.filter(pk=message.pk).update(sent_at=timezone.now() - datetime.timedelta(days=365))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.purge_old_messages(timestamp=time.time())
    assert not Message.objects.filter(pk=message.pk).exists() and not Attachment.objects.exists()
    assert not path.exists()


@pytest.mark.django_db
def test_a_rolled_back_message_leaves_no_attachment():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        queue_with_file()
        raise RuntimeError("the dispatch failed")
    assert not Attachment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_nominations_sent_while_the_mail_server_is_down_arrive_once_with_their_csv(queue, smtp):
    call = ApplicationCallFactory()
    offer = CallProgrammeFactory(call=call, seats=2)
    partner = offer.programme.partner
    PartnerContact.objects.create(
        partner=partner, name="Aiko Tanaka", email="exchange@partner.example.edu", receives_nominations=True
    )
    for n in range(2):
        application = ApplicationFactory(
            call=call, status=Application.Status.SUBMITTED, gpa="3.50", interview_score=90 - n
        )
        ApplicationChoiceFactory(application=application, programme=offer.programme, rank=1)
    placement.confirm_placement(call, notify=False)

    # Nothing listens on the mail server's port: the dispatch is recorded all the same.
    dispatch = nominations.send_nominations(call, partner)
    run_worker()
    message = Message.objects.get(topic="exchanges/email/nominations")
    assert message.about == dispatch and message.status == Message.Status.WAITING and message.attempts >= 1
    assert PartnerDispatch.objects.count() == 1

    smtp.start()
    assert wait_for(lambda: Message.objects.due().exists(), timeout=30)
    defer(tasks.retry_due_messages, timestamp=int(time.time()))
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert smtp.recipients() == ["exchange@partner.example.edu"]
    attached = list(smtp.received[0].message.iter_attachments())
    assert [part.get_filename() for part in attached] == [message.attachments.get().filename]
    content = attached[0].get_content()
    content = content.decode() if isinstance(content, bytes) else content
    assert all(a.reference in content for a in Application.objects.all())
