"""One linked row of every model the admin or a public page can show.

`make_samples()` returns {model class: row}. Every model registered in the admin
must have a row (`missing_samples()` says which have none), so that a model added
later makes the generated tests ask for one.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from oia_portal.models import SiteSettings
from outbox.models import Batch, Message
from partners.models import AgreementReminder
from privacy.models import AccessLogEntry, PrivacyRequest, RetentionRule, RetentionRun
from tests import factories
from tests.events.factories import RegistrationEventFactory, RegistrationFactory
from tests.exchanges.factories import ApplicationChoiceFactory, ApplicationDocumentFactory, ApplicationFactory
from tests.partners.factories import AgreementDocumentFactory, PartnerContactFactory

OUR_APPS = ("oia_portal", "partners", "exchanges", "scholars", "events")


def make_samples():
    now = timezone.now()
    partner = factories.PartnerUniversityFactory(slug="sample-partner")
    agreement = factories.AgreementFactory(partner=partner)
    document = AgreementDocumentFactory(agreement=agreement)
    agreement.save()  # a second history row, so that history pages have a change to show
    contact = PartnerContactFactory(partner=partner)
    reminder = AgreementReminder.objects.create(
        agreement=agreement, threshold_days=90, ends_on=agreement.ends_on or now.date(), recipient="owner@example.edu"
    )
    programme = factories.ExchangeProgramFactory(partner=partner, agreement=agreement, slug="sample-programme")
    call = factories.ApplicationCallFactory(slug="sample-call")
    offer = factories.CallProgrammeFactory(call=call, programme=programme)
    application = ApplicationFactory(call=call)
    choice = ApplicationChoiceFactory(application=application, programme=programme)
    application_document = ApplicationDocumentFactory(application=application)
    status_change = application.status_changes.create(to_status=application.status)
    mobility = factories.MobilityRecordFactory(partner=partner, programme=programme)
    scholar = factories.ScholarFactory(slug="sample-scholar", home_partner=partner)
    visit = factories.VisitFactory(scholar=scholar, partner=partner)
    event = RegistrationEventFactory(
        slug="sample-event", starts_at=now + datetime.timedelta(days=7), ends_at=now + datetime.timedelta(days=7, hours=2)
    )
    event.speakers.add(scholar)
    event.partners.add(partner)
    registration = RegistrationFactory(event=event)
    news = factories.NewsArticleFactory(slug="sample-news")
    user = factories.UserFactory(username="sample-user")
    group = Group.objects.get_or_create(name="Sample group")[0]
    attempt = AccessAttempt.objects.create(username="someone", ip_address="203.0.113.1", user_agent="x", failures_since_start=1)
    log = AccessLog.objects.create(username="someone", ip_address="203.0.113.1", user_agent="x")
    failure = AccessFailureLog.objects.create(username="someone", ip_address="203.0.113.1", user_agent="x")
    access = AccessLogEntry.objects.create(username="someone", action=AccessLogEntry.Action.VIEW, object_label="row 1")
    rule = RetentionRule.objects.first() or RetentionRule.objects.create(kind="applications", months=60)
    run = RetentionRun.objects.create()
    erasure = PrivacyRequest.objects.create(
        content_type=ContentType.objects.get_for_model(application), object_id=str(application.pk),
        subject_label=application.reference,
    )
    message = Message.objects.create(
        recipient="someone@example.org", from_email="oia@example.edu", subject="Sample", body="Sample body",
        topic="events/email/registered",
    )
    batch = Batch.objects.create(description="Sample batch", kind="sample")
    with connection.cursor() as cursor:  # procrastinate's admin model is read-only: a row as its worker writes one
        cursor.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args) VALUES ('default', 'sample', '{}') RETURNING id"
        )
        job = ProcrastinateJob.objects.get(pk=cursor.fetchone()[0])
    rows = [
        partner, agreement, document, contact, reminder, programme, call, offer, application, choice,
        application_document, status_change, mobility, scholar, visit, event, registration, news, user, group,
        attempt, log, failure, SiteSettings.load(), access, rule, run, erasure, message, batch, job,
    ]
    return {type(row): row for row in rows}


def missing_samples(samples):
    """Models in the admin, or of our apps, that have no sample row."""
    wanted = set(admin.site._registry)
    wanted |= {
        model for model in apps.get_models() if model._meta.app_label in OUR_APPS and not model._meta.auto_created
        and not model.__name__.startswith("Historical") and model.__name__ != "ReferenceSequence"
    }
    return sorted(model._meta.label for model in wanted - set(samples))
