import factory
from django.utils import timezone

from incoming.models import IncomingApplication, NominationLink
from incoming.models.applications import new_letter_code
from partners.cooperation import CooperationCondition
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory


class NominationLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NominationLink

    partner = factory.SubFactory(PartnerUniversityFactory)


class IncomingApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomingApplication

    partner = factory.SubFactory(PartnerUniversityFactory)
    reference = factory.Sequence(lambda n: f"INC-2026-{n + 90000:05d}")
    coordinator_name = "Kenji Sato"
    coordinator_email = "exchange@partner.example.edu"
    name = factory.Sequence(lambda n: f"Student {n}")
    email = factory.Sequence(lambda n: f"student{n}@partner.example.edu")
    study_level = IncomingApplication.StudyLevel.BACHELOR
    field_of_study = "Mechanical engineering"
    academic_year = factory.LazyFunction(lambda: timezone.localdate().year)
    term = IncomingApplication.Term.FALL

    class Params:
        accepted = factory.Trait(
            status=IncomingApplication.Status.ACCEPTED,
            accepted_at=factory.LazyFunction(timezone.now),
            letter_code=factory.LazyFunction(new_letter_code),
            wanted_department_id="ME",
        )


class CooperationConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationCondition

    agreement = factory.SubFactory(AgreementFactory)
    direction = CooperationCondition.Direction.INCOMING
    mobility_type = CooperationCondition.MobilityType.STUDENT_STUDIES
    first_academic_year = factory.LazyFunction(lambda: timezone.localdate().year - 1)
    last_academic_year = factory.LazyFunction(lambda: timezone.localdate().year + 3)
    mobilities_per_year = 2
    total_months_per_year = 10
    subject_areas = ["0713", "0613"]
    eqf_levels = [6, 7]
    language_skills = "en:B2, zh:A2"
