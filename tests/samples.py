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
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from core.demo_images import minimal_pdf
from core.models import SiteSettings
from exchanges.models import (
    ChecklistAnswer,
    ChecklistItem,
    ChecklistReminder,
    CriterionScore,
    LanguageScoreBand,
    Nomination,
    PartnerDispatch,
    PlacementOverride,
    ScoringCriterion,
    WaitingListEntry,
)
from incoming.models import FactSheet, IncomingDocument, IncomingStatusChange, NominationLogEntry
from outbox.models import Batch, Message
from partners.models import AgreementReminder
from privacy.models import AccessLogEntry, PrivacyRequest, RetentionRule, RetentionRun
from tests.core.factories import UserFactory
from tests.events.factories import NewsArticleFactory, RegistrationEventFactory, RegistrationFactory
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
    MobilityRecordFactory,
)
from tests.incoming.factories import CooperationConditionFactory, IncomingApplicationFactory, NominationLinkFactory
from tests.partners.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    PartnerContactFactory,
    PartnerUniversityFactory,
)
from tests.scholars.factories import ScholarFactory, VisitFactory

OUR_APPS = ("core", "partners", "exchanges", "scholars", "events", "incoming", "abroad")


def make_samples():
    now = timezone.now()
    partner = PartnerUniversityFactory(slug="sample-partner")
    agreement = AgreementFactory(partner=partner)
    document = AgreementDocumentFactory(agreement=agreement)
    agreement.save()  # a second history row, so that history pages have a change to show
    contact = PartnerContactFactory(partner=partner)
    reminder = AgreementReminder.objects.create(
        agreement=agreement, threshold_days=90, ends_on=agreement.ends_on or now.date(), recipient="owner@example.edu"
    )
    programme = ExchangeProgramFactory(partner=partner, agreement=agreement, slug="sample-programme")
    call = ApplicationCallFactory(slug="sample-call", results_published_at=now)
    offer = CallProgrammeFactory(call=call, programme=programme)
    application = ApplicationFactory(call=call)
    choice = ApplicationChoiceFactory(application=application, programme=programme)
    application_document = ApplicationDocumentFactory(application=application)
    status_change = application.status_changes.create(to_status=application.status)
    mobility = MobilityRecordFactory(partner=partner, programme=programme)
    scholar = ScholarFactory(slug="sample-scholar", home_partner=partner)
    visit = VisitFactory(scholar=scholar, partner=partner)
    event = RegistrationEventFactory(
        slug="sample-event",
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=2),
    )
    event.speakers.add(scholar)
    event.partners.add(partner)
    registration = RegistrationFactory(event=event)
    news = NewsArticleFactory(slug="sample-news")
    user = UserFactory(username="sample-user")
    group = Group.objects.get_or_create(name="Sample group")[0]
    attempt = AccessAttempt.objects.create(
        username="someone", ip_address="203.0.113.1", user_agent="x", failures_since_start=1
    )
    log = AccessLog.objects.create(username="someone", ip_address="203.0.113.1", user_agent="x")
    failure = AccessFailureLog.objects.create(username="someone", ip_address="203.0.113.1", user_agent="x")
    access = AccessLogEntry.objects.create(username="someone", action=AccessLogEntry.Action.VIEW, object_label="row 1")
    rule = RetentionRule.objects.first() or RetentionRule.objects.create(kind="applications", months=60)
    run = RetentionRun.objects.create()
    erasure = PrivacyRequest.objects.create(
        content_type=ContentType.objects.get_for_model(application),
        object_id=str(application.pk),
        subject_label=application.reference,
    )
    message = Message.objects.create(
        recipient="someone@example.org",
        from_email="oia@example.edu",
        subject="Sample",
        body="Sample body",
        topic="events/email/registered",
    )
    batch = Batch.objects.create(description="Sample batch", kind="sample")
    # The selection, nomination and pre-departure stages of the outbound call.
    item = ChecklistItem.objects.create(call=call, kind="document", title="Insurance certificate", due_on=now.date())
    answer = ChecklistAnswer.objects.create(
        application=application, item=item, document=ContentFile(minimal_pdf("Insurance"), name="insurance.pdf")
    )
    checklist_reminder = ChecklistReminder.objects.create(application=application, item=item, threshold_days=3)
    criterion = ScoringCriterion.objects.create(call=call, name="Portfolio")
    criterion_score = CriterionScore.objects.create(application=application, criterion=criterion, points=70)
    band = LanguageScoreBand.objects.first() or LanguageScoreBand.objects.create(test="ielts", points=60)
    nomination = Nomination.objects.create(
        application=application,
        call=call,
        programme=programme,
        partner=partner,
        acceptance_letter=ContentFile(minimal_pdf("Letter of acceptance"), name="letter.pdf"),
    )
    dispatch = PartnerDispatch.objects.create(
        call=call, partner=partner, recipient="exchange@partner.example.edu", nominee_count=1
    )
    # In a call of its own: the hostile sweep writes one value into every row's student ID and e-mail.
    second_call = ApplicationCallFactory(slug="sample-call-2")
    waiting_application = ApplicationFactory(call=second_call)
    override = PlacementOverride.objects.create(call=second_call, application=waiting_application, kind="exclude")
    waiting = WaitingListEntry.objects.create(
        call=second_call, programme=programme, application=waiting_application, position=1
    )
    # The inbound direction.
    condition = CooperationConditionFactory(agreement=agreement)
    nomination_link = NominationLinkFactory(partner=partner)
    incoming_application = IncomingApplicationFactory(partner=partner, accepted=True)
    incoming_document = IncomingDocument.objects.create(
        application=incoming_application,
        kind="passport",
        size=100,
        file=ContentFile(minimal_pdf("Passport"), name="passport.pdf"),
    )
    incoming_change = IncomingStatusChange.objects.create(application=incoming_application, to_status="accepted")
    nomination_log = NominationLogEntry.objects.create(partner=partner, link_fingerprint="abc123", outcome="created")
    abroad_rows = _abroad_samples(application, programme, partner, now)
    with connection.cursor() as cursor:  # procrastinate's admin model is read-only: a row as its worker writes one
        cursor.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args) VALUES ('default', 'sample', '{}') RETURNING id"
        )
        job = ProcrastinateJob.objects.get(pk=cursor.fetchone()[0])
    rows = [
        partner,
        agreement,
        document,
        contact,
        reminder,
        programme,
        call,
        offer,
        application,
        choice,
        application_document,
        status_change,
        mobility,
        scholar,
        visit,
        event,
        registration,
        news,
        user,
        group,
        attempt,
        log,
        failure,
        SiteSettings.get_solo(),
        access,
        rule,
        run,
        erasure,
        message,
        batch,
        job,
        item,
        answer,
        checklist_reminder,
        criterion,
        criterion_score,
        band,
        nomination,
        dispatch,
        override,
        waiting,
        condition,
        nomination_link,
        incoming_application,
        nomination_log,
        FactSheet.get_solo(),
        incoming_document,
        incoming_change,
        *abroad_rows,
    ]
    return {type(row): row for row in rows}


def _abroad_samples(application, programme, partner, now):
    """The stay abroad of the sample application: an approved learning agreement, recognised credits,
    a published report with a photo, a message to the country, a department approver."""
    from abroad.models import (
        AbroadMessage,
        CourseEquivalence,
        CourseLine,
        DepartmentStaff,
        ExperienceReport,
        LearningAgreement,
        LearningAgreementVersion,
        Recognition,
        RecognitionLine,
        ReportPhoto,
    )
    from tests.exchanges.conftest import png_upload

    agreement = LearningAgreement.objects.create(application=application)
    version = LearningAgreementVersion.objects.create(
        agreement=agreement, number=1, status="approved", decided_at=now, student_note="Plan", comment="Fine"
    )
    course = CourseLine.objects.create(
        version=version,
        host_code="CS501",
        host_title="Machine Learning",
        host_credits=6,
        home_code="CSIE3012",
        home_title="Artificial Intelligence",
        home_credits=3,
    )
    recognition = Recognition.objects.create(
        agreement=agreement,
        status="recognised",
        recognised_at=now,
        transcript_uploaded_at=now,
        transcript=ContentFile(minimal_pdf("Host transcript"), name="transcript.pdf"),
    )
    recognition_line = RecognitionLine.objects.create(
        recognition=recognition, course=course, grade="A", recognised_credits=3
    )
    equivalence = CourseEquivalence.objects.create(
        partner=partner,
        programme=programme,
        department_id="EE",
        academic_year=2025,
        host_code="CS501",
        host_title="Machine Learning",
        host_credits=6,
        home_code="CSIE3012",
        home_title="Artificial Intelligence",
        home_credits=3,
    )
    report = ExperienceReport.objects.create(
        application=application,
        partner=partner,
        programme=programme,
        academic_year=2025,
        title="A semester away",
        body="Good courses.",
        show_name=True,
        author_name="Chen",
        consent=True,
        status="published",
        published_at=now,
        moderation_note="Thanks",
    )
    photo = ReportPhoto(report=report, caption="Campus", position=0)
    photo.image.save("campus.png", png_upload(), save=False)
    photo.save()
    message = AbroadMessage.objects.create(country=partner.country, city="", subject="Strike", body="Stay safe.")
    approver = DepartmentStaff.objects.create(user=UserFactory(username="sample-approver"), department_id="EE")
    from core.models import Department

    department = Department.objects.get(code="EE")
    return [agreement, version, course, recognition, recognition_line, equivalence, report, photo, message, approver,
            department]


def missing_samples(samples):
    """Models in the admin, or of our apps, that have no sample row."""
    wanted = set(admin.site._registry)
    wanted |= {
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and not model._meta.auto_created
        and not model.__name__.startswith("Historical")
        and not model.__name__.endswith("ReferenceSequence")
    }
    return sorted(model._meta.label for model in wanted - set(samples))
