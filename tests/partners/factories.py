import factory
from django.core.files.base import ContentFile

from core.demo_images import minimal_pdf
from partners.models import AgreementDocument, PartnerContact
from tests.factories import AgreementFactory, PartnerUniversityFactory


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
