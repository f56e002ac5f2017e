import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import override_settings
from django.utils import timezone

from exchanges.models import Application, CallProgramme, ExchangeProgram, ReferenceSequence
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
    MobilityRecordFactory,
)

pytestmark = pytest.mark.django_db


def test_reference_sequence_counts_up_per_year():
    assert ReferenceSequence.next_number(2027) == 1
    assert ReferenceSequence.next_number(2027) == 2
    assert ReferenceSequence.next_number(2028) == 1


@override_settings(GPA_SCALE=Decimal("4.30"))
def test_gpa_above_the_scale_is_refused():
    with pytest.raises(ValidationError):
        Application._meta.get_field("gpa").run_validators(Decimal("4.31"))


@override_settings(GPA_SCALE=Decimal("5.00"))
def test_gpa_scale_is_the_installer_setting():
    gpa = Application._meta.get_field("gpa")
    assert gpa.run_validators(Decimal("4.31")) is None
    assert gpa.formfield().max_value == Decimal("5.00")


def test_negative_gpa_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ApplicationFactory(gpa=Decimal("-0.01"))


def test_one_application_per_student_per_call_in_the_database():
    first = ApplicationFactory(student_id="4A0000001")
    with pytest.raises(IntegrityError):
        ApplicationFactory(call=first.call, student_id="4A0000001")


def test_same_programme_twice_in_one_application_is_refused_by_the_database():
    choice = ApplicationChoiceFactory(rank=1)
    with pytest.raises(IntegrityError):
        ApplicationChoiceFactory(application=choice.application, rank=2, programme=choice.programme)


def test_two_choices_of_one_rank_are_refused_by_the_database():
    choice = ApplicationChoiceFactory(rank=1)
    with pytest.raises(IntegrityError):
        ApplicationChoiceFactory(application=choice.application, rank=1)


def test_nomination_without_programme_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ApplicationFactory(status=Application.Status.NOMINATED, nominated_programme=None)


def test_status_tokens_are_long_and_distinct():
    first, second = ApplicationFactory(), ApplicationFactory()
    assert len(first.token) >= 40
    assert first.token != second.token


def test_seats_claimed_counts_nominated_and_accepted_only():
    offer = CallProgrammeFactory(seats=3)
    for status in (Application.Status.NOMINATED, Application.Status.ACCEPTED, Application.Status.WITHDRAWN):
        ApplicationFactory(call=offer.call, status=status, nominated_programme=offer.programme)
    annotated = CallProgramme.objects.with_seats_claimed().get(pk=offer.pk)
    assert (annotated.seats_claimed, annotated.seats_unclaimed) == (2, 1)


def test_past_participants_counts_mobility_records_of_the_programme():
    programme = ExchangeProgramFactory()
    MobilityRecordFactory.create_batch(2, programme=programme, partner=programme.partner)
    MobilityRecordFactory(partner=programme.partner)
    assert ExchangeProgram.objects.with_past_participants().get(pk=programme.pk).past_participants == 2


def test_open_soonest_closing_lists_open_offers_by_deadline():
    late = CallProgrammeFactory(call=ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=20)))
    soon = CallProgrammeFactory(call=ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=2)))
    CallProgrammeFactory(call=ApplicationCallFactory(opens_at=timezone.now() + datetime.timedelta(days=2),
                                                     closes_at=timezone.now() + datetime.timedelta(days=9)))
    CallProgrammeFactory(programme=ExchangeProgramFactory(is_published=False))
    assert list(CallProgramme.objects.open_soonest_closing(5)) == [soon, late]


def test_open_soonest_closing_keeps_the_first_by_deadline_then_title_across_calls():
    soon_call = ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=2))
    late_call = ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=20))
    late = [CallProgrammeFactory(call=late_call, programme=ExchangeProgramFactory(title_en=f"A{n}")) for n in range(3)]
    soon = [CallProgrammeFactory(call=soon_call, programme=ExchangeProgramFactory(title_en=f"Z{n}")) for n in (2, 0, 1)]
    assert list(CallProgramme.objects.open_soonest_closing(4)) == [soon[1], soon[2], soon[0], late[0]]
    assert list(CallProgramme.objects.open_soonest_closing(2)) == [soon[1], soon[2]]


def test_open_soonest_closing_is_empty_without_an_open_call():
    CallProgrammeFactory(call=ApplicationCallFactory(opens_at=timezone.now() + datetime.timedelta(days=2),
                                                     closes_at=timezone.now() + datetime.timedelta(days=9)))
    assert list(CallProgramme.objects.open_soonest_closing(5)) == []


def test_call_year_abroad_falls_back_to_closing_year():
    call = ApplicationCallFactory(academic_year=None, closes_at=timezone.make_aware(datetime.datetime(2027, 3, 1)),
                                  opens_at=timezone.make_aware(datetime.datetime(2027, 2, 1)))
    assert call.year_abroad() == 2027


def test_deleting_an_application_removes_its_files(django_capture_on_commit_callbacks):
    document = ApplicationDocumentFactory()
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        document.application.delete()
    assert not storage.exists(name)
