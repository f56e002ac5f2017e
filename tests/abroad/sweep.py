"""The stay abroad's e-mails, sent with hostile text for tests/oia_portal/test_hostile_sweep.py."""

import datetime

from django.apps import apps
from django.utils import timezone

from abroad import services
from abroad.models import LearningAgreementVersion, Recognition


def send_abroad_emails(samples, payload):
    Application = apps.get_model("exchanges", "Application")
    programme = samples[apps.get_model("exchanges", "ExchangeProgram")]
    # Rows as the sweep filled them (the samples are the objects from before).
    pk = samples[Application].pk
    Application.objects.filter(pk=pk).update(status="accepted", nominated_programme=programme)
    application = Application.objects.get(pk=pk)
    agreement = samples[apps.get_model("abroad", "LearningAgreement")]
    version = LearningAgreementVersion.objects.create(agreement=agreement, number=2, student_note=payload(995))
    services.decide(version, approve=False, comment=payload(996))
    recognition = Recognition.objects.get(agreement=agreement)
    recognition.lines.all().delete()
    recognition.status = Recognition.Status.RECEIVED
    recognition.save()
    approved = agreement.approved_version()
    services.recognise(recognition, {line.pk: ("A", 3) for line in approved.courses.all()})
    today = timezone.localdate()
    record = apps.get_model("exchanges", "MobilityRecord").objects.create(
        student_name="Abroad",
        partner=programme.partner,
        programme=programme,
        academic_year=today.year,
        starts_on=today - datetime.timedelta(days=5),
        ends_on=today + datetime.timedelta(days=5),
        application=None,
    )
    record.application = application
    apps.get_model("exchanges", "MobilityRecord").objects.filter(application=application).exclude(pk=record.pk).update(
        application=None
    )
    record.save()
    services.message_students_abroad(
        country=programme.partner.country.code, city="", subject=payload(997), body=payload(998), by=None
    )
