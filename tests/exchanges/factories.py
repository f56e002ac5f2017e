"""Programmes, calls and their offers, applications, and mobility records."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_images import minimal_pdf
from exchanges.models import (
    Application,
    ApplicationCall,
    ApplicationChoice,
    ApplicationDocument,
    CallProgramme,
    ExchangeProgram,
    MobilityRecord,
)
from tests.partners.factories import PartnerUniversityFactory


class ExchangeProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeProgram

    partner = factory.SubFactory(PartnerUniversityFactory)
    title_en = factory.Sequence(lambda n: f"Semester exchange {n}")
    title_zh_hant = factory.Sequence(lambda n: f"學期交換{n}")
    slug = factory.Sequence(lambda n: f"semester-exchange-{n}")
    kind = ExchangeProgram.Kind.SEMESTER
    level = ExchangeProgram.Level.UNDERGRADUATE
    language = ExchangeProgram.Language.ENGLISH
    seats = 2
    is_published = True


class ApplicationCallFactory(factory.django.DjangoModelFactory):
    """A call open now: opened a week ago, closing in three weeks."""

    class Meta:
        model = ApplicationCall

    title_en = factory.Sequence(lambda n: f"Outbound exchange call {n}")
    title_zh_hant = factory.Sequence(lambda n: f"出國交換申請{n}")
    slug = factory.Sequence(lambda n: f"outbound-call-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))


class CallProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallProgramme

    call = factory.SubFactory(ApplicationCallFactory)
    programme = factory.SubFactory(ExchangeProgramFactory)
    seats = 2


class MobilityRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MobilityRecord

    student_name = factory.Sequence(lambda n: f"Student {n}")
    department = "Electrical Engineering"
    partner = factory.SubFactory(PartnerUniversityFactory)
    academic_year = 2025


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application (no choices: add them with ApplicationChoiceFactory)."""

    class Meta:
        model = Application

    call = factory.SubFactory(ApplicationCallFactory)
    reference = factory.Sequence(lambda n: f"OIA-2026-{n + 90000:05d}")
    name_en = factory.Sequence(lambda n: f"Chen Yu-Ting {n}")
    name_zh = "陳宇婷"
    student_id = factory.Sequence(lambda n: f"4A{n:06d}")
    email = factory.LazyAttribute(lambda a: f"{a.student_id.lower()}@stust.example.edu.tw")
    department_id = "EE"
    year_of_study = 3
    gpa = "3.50"
    language_test = Application.LanguageTest.IELTS
    language_score = "6.5"
    statement = "I want to learn how semiconductor fabs work abroad."
    language = "en"


class ApplicationChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationChoice

    application = factory.SubFactory(ApplicationFactory)
    rank = 1
    programme = factory.SubFactory(ExchangeProgramFactory)


class ApplicationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationDocument

    application = factory.SubFactory(ApplicationFactory)
    kind = ApplicationDocument.Kind.TRANSCRIPT
    file = factory.LazyFunction(lambda: ContentFile(minimal_pdf("Transcript"), name="transcript.pdf"))
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda d: d.file.size)


def chosen_application(offer, status=Application.Status.UNDER_REVIEW, **kwargs):
    """An application in the offer's call with the offer's programme as its first choice."""
    application = ApplicationFactory(call=offer.call, status=status, **kwargs)
    ApplicationChoiceFactory(application=application, programme=offer.programme, rank=1)
    return application
