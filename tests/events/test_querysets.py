"""Which news and events the public pages show: NewsArticle.published(), Event.upcoming()."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event, NewsArticle
from tests.events.factories import EventFactory, NewsArticleFactory

pytestmark = pytest.mark.django_db


# NewsArticle.published()


def test_published_news_includes_article_whose_time_has_come():
    article = NewsArticleFactory(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert list(NewsArticle.objects.published()) == [article]


def test_published_news_excludes_scheduled_article():
    NewsArticleFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert not NewsArticle.objects.published().exists()


def test_published_news_excludes_article_with_flag_off():
    NewsArticleFactory(is_published=False)
    assert not NewsArticle.objects.published().exists()


def test_scheduled_article_becomes_published_at_its_time():
    at = timezone.now() + datetime.timedelta(hours=1)
    article = NewsArticleFactory(published_at=at)
    assert list(NewsArticle.objects.published(at=at)) == [article]


# Event.upcoming()


def test_upcoming_events_are_soonest_first():
    later = EventFactory(starts_at=timezone.now() + datetime.timedelta(days=9))
    sooner = EventFactory(starts_at=timezone.now() + datetime.timedelta(days=2))
    assert list(Event.objects.upcoming()) == [sooner, later]


def test_upcoming_events_include_an_event_under_way():
    now = timezone.now()
    running = EventFactory(starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=1))
    assert list(Event.objects.upcoming(at=now)) == [running]


def test_upcoming_events_exclude_ended_and_unpublished_events():
    now = timezone.now()
    EventFactory(starts_at=now - datetime.timedelta(days=2), ends_at=now - datetime.timedelta(days=2))
    EventFactory(is_published=False)
    assert not Event.objects.upcoming(at=now).exists()


def test_registration_counts_count_each_events_confirmed_and_waitlisted_only():
    from events.models import Registration
    from tests.events.factories import RegistrationFactory

    busy, quiet = EventFactory(title_en="Busy"), EventFactory(title_en="Quiet")
    EventFactory(title_en="Empty")
    statuses = Registration.Status
    for status, number in ((statuses.CONFIRMED, 3), (statuses.WAITLISTED, 2), (statuses.CANCELLED, 4)):
        RegistrationFactory.create_batch(number, event=busy, status=status)
    RegistrationFactory(event=quiet, status=statuses.CONFIRMED)
    counted = Event.objects.with_registration_counts()
    assert {(event.title, event.confirmed_count, event.waitlisted_count) for event in counted} == {
        ("Busy", 3, 2),
        ("Quiet", 1, 0),
        ("Empty", 0, 0),
    }
    # Sorted and filtered by them (the admin's columns), and alongside the public filters.
    assert [event.title for event in counted.order_by("-confirmed_count")] == ["Busy", "Quiet", "Empty"]
    assert [event.title for event in counted.filter(waitlisted_count__gt=0)] == ["Busy"]
    assert list(counted.upcoming().values_list("title", "confirmed_count").order_by("title")) == [
        ("Busy", 3),
        ("Empty", 0),
        ("Quiet", 1),
    ]
