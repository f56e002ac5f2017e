"""Retention on a seeded data set removes exactly what it should, keeps the figures, and is idempotent."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_images import minimal_pdf
from events.models import Registration
from exchanges.models import Application, ApplicationDocument, MobilityRecord
from privacy import services
from privacy.models import AccessLogEntry, RetentionRule, RetentionRun
from privacy.registry import registry
from tests.events.factories import EventFactory, RegistrationFactory
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    MobilityRecordFactory,
)
from tests.privacy.test_erasure import figures

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


def call_closed(days):
    return ApplicationCallFactory(opens_at=days_ago(days + 30), closes_at=days_ago(days))


def applicant(call, status="declined", abroad_until=None):
    application = ApplicationFactory(call=call)
    choice = ApplicationChoiceFactory(application=application)
    if status in Application.SEAT_HOLDING:
        application.nominated_programme = choice.programme
    application.status = status
    application.save()
    for kind in (ApplicationDocument.Kind.TRANSCRIPT, ApplicationDocument.Kind.LANGUAGE_CERTIFICATE):
        ApplicationDocumentFactory(application=application, kind=kind, file=ContentFile(minimal_pdf("x"), name="d.pdf"))
    if abroad_until:
        MobilityRecordFactory(
            application=application, partner=choice.programme.partner, programme=choice.programme,
            academic_year=abroad_until.year - 1, starts_on=abroad_until - datetime.timedelta(days=150), ends_on=abroad_until,
        )
    return application


@pytest.fixture
def seeded():
    """Rows on both sides of each default period (6, 12, 36, 60, 12 and 24 months)."""
    results_out = call_closed(days=200)  # past the 6 months for the unselected
    recent = call_closed(days=60)
    ancient = call_closed(days=365 * 3 + 40)  # past the 36 months for everyone
    rows = {
        "declined": applicant(results_out, "declined"),
        "withdrawn": applicant(results_out, "withdrawn"),
        "abroad_back_long_ago": applicant(results_out, "accepted", abroad_until=days_ago(400).date()),
        "abroad_back_lately": applicant(results_out, "accepted", abroad_until=days_ago(100).date()),
        "declined_recently": applicant(recent, "declined"),
        "ancient": applicant(ancient, "declined"),
        "ancient_abroad": applicant(ancient, "accepted", abroad_until=days_ago(365 * 2).date()),
    }
    old_event = EventFactory(starts_at=days_ago(400), ends_at=days_ago(399))
    recent_event = EventFactory(starts_at=days_ago(200), ends_at=days_ago(199))
    rows["old_registration"] = RegistrationFactory(event=old_event, name="Old Guest")
    rows["recent_registration"] = RegistrationFactory(event=recent_event, name="Recent Guest")
    rows["old_mobility"] = MobilityRecordFactory(student_name="Returned 2019", academic_year=2019,
                                                 starts_on=datetime.date(2019, 9, 1), ends_on=datetime.date(2020, 1, 31))
    rows["new_mobility"] = MobilityRecordFactory(student_name="Abroad now", academic_year=NOW.year,
                                                 starts_on=days_ago(30).date(), ends_on=(NOW + datetime.timedelta(days=100)).date())
    AccessLogEntry.objects.create(username="old", action="view", at=days_ago(800))
    AccessLogEntry.objects.create(username="new", action="view", at=days_ago(30))
    # Host transcripts: one recognised 400 days ago (past the 12 months), one lately.
    from abroad.models import LearningAgreement, Recognition

    for key, days in (("abroad_back_long_ago", 400), ("abroad_back_lately", 100)):
        Recognition.objects.create(
            agreement=LearningAgreement.objects.create(application=rows[key]), status="recognised",
            recognised_at=days_ago(days), transcript=ContentFile(minimal_pdf("Host transcript"), name="t.pdf"),
        )
    return rows


def documents_of(*applications):
    return set(ApplicationDocument.objects.filter(application__in=applications).values_list("pk", flat=True))


def test_retention_removes_exactly_what_its_periods_say(seeded):
    kept_documents = documents_of(seeded["abroad_back_lately"], seeded["declined_recently"])
    files_removed = [d.file.name for d in ApplicationDocument.objects.exclude(pk__in=kept_documents)]

    run = services.apply_retention(now=NOW)

    assert run.removed == {
        "exchanges.unselected-documents": 2 * 3,  # declined, withdrawn, ancient (2 documents each)
        "exchanges.abroad-documents": 2 * 2,  # back 400 days ago, and the ancient one
        "exchanges.applications": 2,  # both applications of the call closed over 3 years ago
        "exchanges.mobility-names": 1,  # the 2019 stay; the ancient one's name went with its application
        "events.registrations": 1,
        "privacy.access-log": 1,
        "privacy.requests": 0,
        # Kinds with no rows in this set (tests/privacy/test_retention_kinds.py seeds their own).
        "exchanges.checklists": 0,
        "exchanges.acceptance-letters": 0,
        "incoming.documents": 0,
        "incoming.applications": 0,
        "outbox.messages": 0,
        "abroad.transcripts": 1,  # recognised 400 days ago; the other is kept
    }
    assert run.total == 16
    assert set(ApplicationDocument.objects.values_list("pk", flat=True)) == kept_documents
    storage = ApplicationDocument._meta.get_field("file").storage
    assert not [name for name in files_removed if storage.exists(name)]

    anonymised = {seeded["ancient"].pk, seeded["ancient_abroad"].pk}
    for application in Application.objects.all():
        original = seeded_by_pk(seeded, application.pk)
        assert (application.name_en == original.name_en) is (application.pk not in anonymised)
    assert MobilityRecord.objects.get(pk=seeded["old_mobility"].pk).student_name != "Returned 2019"
    assert MobilityRecord.objects.get(pk=seeded["new_mobility"].pk).student_name == "Abroad now"
    assert Registration.objects.get(pk=seeded["old_registration"].pk).name != "Old Guest"
    assert Registration.objects.get(pk=seeded["recent_registration"].pk).name == "Recent Guest"
    assert list(AccessLogEntry.objects.values_list("username", flat=True)) == ["new"]


def seeded_by_pk(seeded, pk):
    return next(row for row in seeded.values() if isinstance(row, Application) and row.pk == pk)


def test_retention_keeps_every_figure(seeded):
    before = figures()
    services.apply_retention(now=NOW)
    assert figures() == before


def test_a_second_run_removes_nothing(seeded):
    services.apply_retention(now=NOW)
    again = services.apply_retention(now=NOW)
    assert again.total == 0
    assert set(again.removed.values()) == {0}
    assert RetentionRun.objects.count() == 2


def test_periods_are_the_ones_staff_configure(seeded):
    RetentionRule.objects.filter(kind="exchanges.unselected-documents").update(months=12)
    run = services.apply_retention(now=NOW)
    assert run.removed["exchanges.unselected-documents"] == 2  # only the ancient call's: 200 days < 12 months
    assert documents_of(seeded["declined"], seeded["withdrawn"])


def test_every_declared_kind_has_a_rule_row_after_migrate():
    assert set(RetentionRule.objects.values_list("kind", flat=True)) == set(registry.retention)


def test_the_command_reports_what_it_removed(seeded):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Documents of applicants who were not selected: 6" in out.getvalue()
    assert "16 removed" in out.getvalue()


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert services.months_before(moment, 1) == moment.replace(month=2, day=28)
    assert services.months_before(moment, 15) == moment.replace(year=2024, month=12)


def test_retention_is_a_scheduled_job_recorded_as_scheduled():
    from jobs.queue import SCHEDULE
    from privacy.models import RetentionRun
    from privacy.tasks import retention

    assert "privacy.apply_retention" in SCHEDULE
    retention(timestamp=0)
    retention(timestamp=0)
    runs = RetentionRun.objects.filter(trigger=RetentionRun.Trigger.SCHEDULE)
    assert runs.count() == 2
    assert runs.order_by("pk").last().total == 0  # the second run at the same moment removes nothing
