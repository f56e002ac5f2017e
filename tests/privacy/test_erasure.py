"""Erasure: no personal field or file of the person is left anywhere, and every figure stays."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse

from core import content_cache
from events.models import Registration
from exchanges.models import Application, ApplicationChoice, ApplicationStatusChange, MobilityRecord
from oia_portal.statistics.figures import all_figures, key_figures
from privacy import services
from privacy.models import ErasedRecord
from privacy.registry import registry
from tests.core import users
from tests.exchanges.factories import MobilityRecordFactory
from tests.partners.factories import PartnerContactFactory
from tests.privacy import leaks
from tests.privacy.conftest import NEEDLES

pytestmark = pytest.mark.django_db


def figures():
    """Every figure the portal publishes or counts from these rows."""
    return {
        "statistics": all_figures(),
        "key": key_figures(),
        "applications": list(
            Application.objects.values("call_id", "status", "department", "year_of_study", "nominated_programme_id")
            .annotate(n=Count("pk")).order_by("call_id", "status", "department", "year_of_study")
        ),
        "choices": list(ApplicationChoice.objects.values("programme_id", "rank").annotate(n=Count("pk")).order_by("programme_id", "rank")),
        "mobility": list(
            MobilityRecord.objects.values("partner_id", "programme_id", "academic_year", "department")
            .annotate(n=Count("pk")).order_by("partner_id", "academic_year")
        ),
        "history": list(ApplicationStatusChange.objects.values_list("from_status", "to_status").order_by("pk")),
    }


def test_the_needles_are_found_before_erasure(person):
    # The search below must be able to fail: before erasure it finds every value.
    for value in NEEDLES.values():
        assert leaks.database_hits(value), value
    assert len(leaks.private_file_hits(person.file_marker)) == 4  # two documents, the insurance, the letter


def test_erasure_leaves_no_personal_value_in_any_table_file_or_cache(client, person):
    staff = users.superuser()
    client.force_login(staff)
    # A staff member's day with the record: the admin's own log now names the person too.
    client.get(reverse("admin:exchanges_application_change", args=[person.pk]))
    LogEntry.objects.log_actions(staff.pk, [person], CHANGE, change_message="[]", single_object=True)
    assert leaks.database_hits(NEEDLES["name_en"])
    old_link = person.get_status_url()
    files = [document.file.name for document in person.documents.all()]
    assert set(files) <= set(leaks.private_files())

    services.erase(person, ErasedRecord.Cause.REQUEST)

    for field, value in NEEDLES.items():
        assert leaks.database_hits(value) == [], field
        assert leaks.cache_hits(value) == [], field
    assert not set(files) & set(leaks.private_files())
    assert leaks.private_file_hits(person.file_marker) == []
    assert client.get(old_link).status_code == 404


def test_every_personal_field_of_every_model_reached_is_erased(person):
    rows = services.rows_of(person)
    before = {(entry.model, obj.pk): obj for entry, obj in rows}
    services.erase(person, ErasedRecord.Cause.REQUEST)
    for (model, pk), old in before.items():
        entry = registry.get(model)
        current = model._default_manager.filter(pk=pk).first()
        if entry.delete_rows:
            assert current is None, model
            continue
        for field in entry.personal_fields():
            old_value, new_value = getattr(old, field.attname), getattr(current, field.attname)
            if old_value not in (None, "", 0, False):
                assert new_value != old_value, f"{model._meta.label}.{field.name} kept {old_value!r}"
        for field in entry.kept_fields():
            assert getattr(current, field.attname) == getattr(old, field.attname), f"{field} changed"


def test_erasure_keeps_every_figure(person):
    before = figures()
    services.erase(person, ErasedRecord.Cause.REQUEST)
    assert figures() == before


def test_erasing_twice_changes_nothing_more(person):
    services.erase(person, ErasedRecord.Cause.REQUEST)
    person.refresh_from_db()
    first = {f.attname: getattr(person, f.attname) for f in person._meta.concrete_fields if f.name != "token"}
    services.erase(person, ErasedRecord.Cause.REQUEST)
    person.refresh_from_db()
    assert {f.attname: getattr(person, f.attname) for f in person._meta.concrete_fields if f.name != "token"} == first
    assert ErasedRecord.objects.count() == len(services.rows_of(person))  # every row left, once (documents are gone)


def test_erasure_rewrites_the_history_tables_too():
    contact = PartnerContactFactory(name="Wobbleton Fizzgig", email="fizzgig@partner.example")
    contact.phone = "+81 3 9999 0000"
    contact.save()  # a second historical row with the same name
    historical = contact.history.model
    assert historical.objects.filter(id=contact.pk, name="Wobbleton Fizzgig").count() == 2

    services.erase(contact, ErasedRecord.Cause.REQUEST)

    for needle in ("Wobbleton", "fizzgig@partner", "9999 0000"):
        assert leaks.database_hits(needle) == []
    assert historical.objects.filter(id=contact.pk).count() == 2  # the history of changes stays, nameless


def test_erasure_reaches_the_page_cache_at_once(registrant, django_capture_on_commit_callbacks):
    # A registrant's erasure only updates rows (no save or delete signal): the erasure signal bumps it.
    table = Registration._meta.db_table
    version = content_cache.table_versions([table])
    with django_capture_on_commit_callbacks(execute=True):
        services.erase(registrant, ErasedRecord.Cause.REQUEST)
        assert content_cache.table_versions([table]) == version  # not before the erasure is committed
    assert content_cache.table_versions([table]) != version


@override_settings(PAGE_CACHE_SECONDS=60)
def test_nothing_of_the_person_is_cached_after_their_journey(client, person, django_capture_on_commit_callbacks):
    client.get(person.get_status_url())
    client.get(reverse("privacy:subject", args=["application", person.token]))
    client.get(reverse("privacy:export", args=["application", person.token]))
    client.get(reverse("privacy:notice"))
    with django_capture_on_commit_callbacks(execute=True):
        services.erase(person, ErasedRecord.Cause.REQUEST)
    for value in NEEDLES.values():
        assert leaks.cache_hits(value) == []


def test_a_registrant_is_erased_with_the_seat_counts_kept(registrant):
    event = registrant.event
    confirmed = event.registrations.confirmed().count()
    services.erase(registrant, ErasedRecord.Cause.REQUEST)
    for needle in ("Plonkwhistle", "Glarbfield"):
        assert leaks.database_hits(needle) == []
    assert event.registrations.confirmed().count() == confirmed
    assert ContentType.objects.get_for_model(registrant)


def test_erasure_reaches_the_e_mails_the_outbox_holds_about_the_person(person, django_capture_on_commit_callbacks):
    from outbox.models import Message
    from outbox.services import queue_message

    with django_capture_on_commit_callbacks(execute=False):
        queue_message(
            recipient=NEEDLES["email"],
            subject=f"Your application, {NEEDLES['name_en']}",
            body=f"Dear {NEEDLES['name_en']}, your status link: {person.get_status_url()}",
            language="en",
            topic="exchanges/email/submitted",
            about=person,
        )
    assert ("outbox_message", "recipient") in leaks.database_hits(NEEDLES["email"])

    services.erase(person, ErasedRecord.Cause.REQUEST)

    assert leaks.database_hits(NEEDLES["email"]) == []
    assert leaks.database_hits(NEEDLES["name_en"]) == []
    message = Message.objects.get()
    assert (message.topic, message.language) == ("exchanges/email/submitted", "en")  # what is kept


def test_erase_each_erases_a_batch_of_records_as_erase_does_one(db, django_capture_on_commit_callbacks):
    """Records nothing points at go a batch at a time: the same erased values, marks and admin-log scrub."""
    one_by_one, *batch = [MobilityRecordFactory(student_name=f"Zyxqvort Alone {number}") for number in range(4)]
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(MobilityRecord), object_id=str(batch[0].pk),
        object_repr=batch[0].student_name, action_flag=CHANGE, user=users.superuser(),
    )
    services.erase(one_by_one, ErasedRecord.Cause.RETENTION)
    records = MobilityRecord.objects.filter(pk__in=[record.pk for record in batch])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.erase_each(records) == 3
    field = MobilityRecord._meta.get_field("student_name")
    for record in MobilityRecord.objects.filter(pk__in=[one_by_one.pk, *(record.pk for record in batch)]):
        assert "Zyxqvort" not in record.student_name
        assert record.student_name == registry.get(MobilityRecord).erased_value(field, record)
        assert services.is_erased(record)
    assert "Zyxqvort" not in LogEntry.objects.get(object_id=str(batch[0].pk)).object_repr
    assert services.erase_each(records) == 0


def test_an_erased_report_author_is_gone_from_search_results_and_every_cache(client):
    # Erasure rewrites a published report in place (its last change kept): nothing kept from its
    # search result may show the name again.
    from tests.abroad.factories import published_report
    from tests.exchanges.factories import ApplicationFactory, CallProgrammeFactory

    offer = CallProgrammeFactory(programme__partner__name_en="Quokkaville University")
    application = ApplicationFactory(call=offer.call, name_en="Wobblesworth Quandary", nominated_programme=offer.programme)
    report = published_report(application, title="Quokkaville term", body="Quokkaville was wonderful.")
    search = reverse("search") + "?q=Quokkaville"
    assert "Wobblesworth Quandary" in client.get(search).content.decode()

    services.erase(report, ErasedRecord.Cause.REQUEST)

    assert "Wobblesworth" not in client.get(search).content.decode()
    assert leaks.cache_hits("Wobblesworth") == []


def test_no_search_result_of_a_model_with_personal_data_is_kept():
    # Erasure rewrites personal fields with update(), leaving a row's last change as it was: a
    # result kept under that stamp would outlive the erasure (the test above is one such case).
    from oia_portal.search.kinds import KINDS

    assert [kind.key for kind in KINDS if kind.stamps and registry.get(kind.model)] == []
