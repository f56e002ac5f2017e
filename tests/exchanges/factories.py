"""Factories for the application models (the programme ones are in tests.factories)."""

import factory
from django.core.files.base import ContentFile

from core.demo_images import minimal_pdf
from exchanges.departments import Department
from exchanges.models import Application, ApplicationChoice, ApplicationDocument
from tests.factories import ApplicationCallFactory


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
    department = Department.ELECTRICAL
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
    programme = factory.SubFactory("tests.factories.ExchangeProgramFactory")


class ApplicationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationDocument

    application = factory.SubFactory(ApplicationFactory)
    kind = ApplicationDocument.Kind.TRANSCRIPT
    file = factory.LazyFunction(lambda: ContentFile(minimal_pdf("Transcript"), name="transcript.pdf"))
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda d: d.file.size)
