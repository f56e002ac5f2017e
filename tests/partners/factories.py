"""Partner universities, their agreements, contacts and signed documents."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_images import minimal_pdf
from partners.models import Agreement, AgreementDocument, PartnerContact, PartnerUniversity


class PartnerUniversityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerUniversity

    name_en = factory.Sequence(lambda n: f"Partner University {n}")
    name_zh_hant = factory.Sequence(lambda n: f"夥伴大學{n}")
    slug = factory.Sequence(lambda n: f"partner-university-{n}")
    country = "JP"
    city_en = "Kyoto"
    city_zh_hant = "京都"
    website = "https://www.partner.example.edu"
    description_en = "A partner university."
    description_zh_hant = "一所夥伴大學。"
    is_published = True


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement in force: signed a year ago, ending in two years."""

    class Meta:
        model = Agreement

    partner = factory.SubFactory(PartnerUniversityFactory)
    kind = Agreement.Kind.STUDENT_EXCHANGE
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=730))
    outbound_seats = 2
    inbound_seats = 2


class PartnerContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerContact

    partner = factory.SubFactory(PartnerUniversityFactory)
    name = factory.Sequence(lambda n: f"Contact Person {n}")
    role = "Exchange coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@partner.example.edu")
    phone = "+81 75 000 0000"


class AgreementDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementDocument

    agreement = factory.SubFactory(AgreementFactory)
    title = "Signed copy, English version"
    language = AgreementDocument.Language.ENGLISH
    file = factory.LazyFunction(lambda: ContentFile(minimal_pdf("Signed agreement"), name="signed.pdf"))
