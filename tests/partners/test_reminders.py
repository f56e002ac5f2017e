import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from outbox.models import Message
from partners.models import AgreementReminder
from partners.reminders import send_due_reminders
from tests.core.factories import UserFactory
from tests.partners.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def owned_agreement(days_left, **kwargs):
    owner = UserFactory(email="owner@example.edu")
    return AgreementFactory(ends_on=today() + datetime.timedelta(days=days_left), owner=owner, **kwargs)


@pytest.mark.parametrize("threshold", [180, 90, 30])
def test_owner_is_reminded_on_reaching_each_threshold(threshold):
    agreement = owned_agreement(threshold)
    sent = send_due_reminders()
    assert [(r.agreement, r.threshold_days) for r in sent] == [(agreement, threshold)]
    reminder = Message.objects.get()
    assert reminder.recipient == "owner@example.edu" and reminder.about == agreement
    assert str(agreement.partner) in reminder.subject


@pytest.mark.parametrize("days_left", [181, 91, 31])
def test_no_new_reminder_the_day_before_a_threshold(days_left):
    agreement = owned_agreement(days_left)
    if days_left < 180:
        larger = {91: 180, 31: 90}[days_left]
        AgreementReminder.objects.create(
            agreement=agreement, threshold_days=larger, ends_on=agreement.ends_on, recipient="owner@example.edu"
        )
    assert send_due_reminders() == []
    assert not Message.objects.exists()


def test_running_twice_sends_nothing_new():
    owned_agreement(90)
    owned_agreement(30)
    call_command("send_agreement_reminders")
    call_command("send_agreement_reminders")
    assert Message.objects.count() == 2
    assert AgreementReminder.objects.count() == 2


def test_each_threshold_is_sent_once_as_the_end_approaches():
    agreement = owned_agreement(180)
    for step in range(0, 181):
        send_due_reminders(on=today() + datetime.timedelta(days=step))
    assert sorted(agreement.reminders.values_list("threshold_days", flat=True)) == [30, 90, 180]
    assert Message.objects.count() == 3


def test_agreement_found_late_gets_only_the_nearest_threshold():
    owned_agreement(20)
    assert [r.threshold_days for r in send_due_reminders()] == [30]


def test_extended_agreement_is_reminded_again_for_its_new_end_date():
    agreement = owned_agreement(30)
    send_due_reminders()
    agreement.ends_on = today() + datetime.timedelta(days=90)
    agreement.save()
    assert [r.threshold_days for r in send_due_reminders()] == [90]


def test_agreements_without_owner_drafts_and_expired_ones_are_not_reminded():
    AgreementFactory(ends_on=today() + datetime.timedelta(days=30))
    owned_agreement(30, signed_on=None)
    owned_agreement(-1, starts_on=today() - datetime.timedelta(days=400))
    assert send_due_reminders() == []


def test_failed_mail_leaves_no_record(monkeypatch):
    owned_agreement(30)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("partners.reminders.send_templated_mail", broken)
    with pytest.raises(OSError):
        send_due_reminders()
    assert not AgreementReminder.objects.exists() and not Message.objects.exists()


def test_reminder_is_written_in_the_requested_language():
    owned_agreement(30)
    call_command("send_agreement_reminders", language="zh-hant")
    assert "天" in Message.objects.get().subject
