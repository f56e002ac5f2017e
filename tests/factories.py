"""factory_boy factories for the foundation's models, shared by every test folder.

Models added by an app later get their factories in tests/<app>/factories.py.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from events.models import Event, NewsArticle
from exchanges.models import ApplicationCall, CallProgramme, ExchangeProgram, MobilityRecord
from partners.models import Agreement, PartnerUniversity
from scholars.models import Scholar, Visit


def today():
    return timezone.localdate()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.edu")
    # Hashed before the row is saved, so force_login sessions stay valid.
    password = factory.django.Password("a-long-test-password")


class StaffUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


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
    signed_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=400))
    starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=365))
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=730))
    outbound_seats = 2
    inbound_seats = 2


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


class ScholarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scholar

    honorific = Scholar.Honorific.PROF
    name_en = factory.Sequence(lambda n: f"Scholar Name {n}")
    name_zh_hant = factory.Sequence(lambda n: f"學者{n}")
    slug = factory.Sequence(lambda n: f"scholar-{n}")
    field_en = "Materials science"
    field_zh_hant = "材料科學"
    bio_en = "Researches thin films."
    country = "JP"
    is_published = True


class VisitFactory(factory.django.DjangoModelFactory):
    """An inbound visit happening now."""

    class Meta:
        model = Visit

    scholar = factory.SubFactory(ScholarFactory)
    direction = Visit.Direction.INBOUND
    purpose = Visit.Purpose.GUEST_LECTURE
    host_department_en = "Department of Electrical Engineering"
    starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=3))
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=10))


class EventFactory(factory.django.DjangoModelFactory):
    """A published event in a week's time, two hours long."""

    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"International seminar {n}")
    title_zh_hant = factory.Sequence(lambda n: f"國際研討會{n}")
    slug = factory.Sequence(lambda n: f"international-seminar-{n}")
    kind = Event.Kind.SEMINAR
    summary_en = "A seminar with a visiting scholar."
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + datetime.timedelta(hours=2))
    venue_en = "International Conference Hall"
    is_published = True


class NewsArticleFactory(factory.django.DjangoModelFactory):
    """A published article from yesterday."""

    class Meta:
        model = NewsArticle

    title_en = factory.Sequence(lambda n: f"Office news {n}")
    title_zh_hant = factory.Sequence(lambda n: f"處務新聞{n}")
    slug = factory.Sequence(lambda n: f"office-news-{n}")
    summary_en = "What happened at the office."
    body_en = "The full story."
    body_zh_hant = "完整內容。"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    is_published = True
