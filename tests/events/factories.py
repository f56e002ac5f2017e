"""Events, news articles and registrations."""

import datetime

import factory
from django.utils import timezone

from events.models import Event, NewsArticle, Registration


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


class RegistrationEventFactory(EventFactory):
    """An event in a week that takes registrations: 2 seats, deadline in 5 days."""

    registration_open = True
    capacity = 2
    registration_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=5))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(RegistrationEventFactory)
    name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    affiliation = "Partner University"
    consent = True
    status = Registration.Status.CONFIRMED
