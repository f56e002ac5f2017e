"""The foundation's querysets: the questions the public pages ask."""

import datetime

import pytest
from django.utils import timezone

from core.models import SiteSettings
from events.models import Event, NewsArticle
from oia_portal.statistics.figures import key_figures
from partners.models import Agreement
from scholars.models import Visit
from tests.events.factories import EventFactory, NewsArticleFactory
from tests.exchanges.factories import MobilityRecordFactory
from tests.partners.factories import AgreementFactory
from tests.scholars.factories import VisitFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
ON = datetime.date(2026, 6, 15)


def agreement(**dates):
    defaults = {"signed_on": ON - 400 * DAY, "starts_on": ON - 365 * DAY, "ends_on": ON + 730 * DAY}
    return AgreementFactory(**{**defaults, **dates})


# Agreement.active(on=...)


def test_active_excludes_agreement_starting_the_day_after():
    agreement(starts_on=ON + DAY)
    assert not Agreement.objects.active(on=ON).exists()


def test_active_includes_agreement_starting_on_the_day():
    found = agreement(starts_on=ON)
    assert list(Agreement.objects.active(on=ON)) == [found]


def test_active_includes_agreement_ending_on_the_day():
    found = agreement(ends_on=ON)
    assert list(Agreement.objects.active(on=ON)) == [found]


def test_active_excludes_agreement_that_ended_the_day_before():
    agreement(ends_on=ON - DAY)
    assert not Agreement.objects.active(on=ON).exists()


def test_active_includes_open_ended_agreement():
    found = agreement(ends_on=None)
    assert list(Agreement.objects.active(on=ON)) == [found]


def test_active_excludes_unsigned_draft():
    agreement(signed_on=None)
    assert not Agreement.objects.active(on=ON).exists()


def test_active_excludes_agreement_terminated_on_the_day():
    agreement(terminated_on=ON)
    assert not Agreement.objects.active(on=ON).exists()


def test_active_includes_agreement_terminated_from_the_day_after():
    found = agreement(terminated_on=ON + DAY)
    assert list(Agreement.objects.active(on=ON)) == [found]


# Agreement.expiring(within=..., on=...)


def test_expiring_includes_agreement_ending_today():
    found = agreement(ends_on=ON)
    assert list(Agreement.objects.expiring(within=90, on=ON)) == [found]


def test_expiring_includes_agreement_ending_on_the_last_day_of_the_window():
    found = agreement(ends_on=ON + 90 * DAY)
    assert list(Agreement.objects.expiring(within=90, on=ON)) == [found]


def test_expiring_excludes_agreement_ending_the_day_after_the_window():
    agreement(ends_on=ON + 91 * DAY)
    assert not Agreement.objects.expiring(within=90, on=ON).exists()


def test_expiring_excludes_agreement_that_ended_yesterday():
    agreement(ends_on=ON - DAY)
    assert not Agreement.objects.expiring(within=90, on=ON).exists()


def test_expiring_excludes_open_ended_agreement():
    agreement(ends_on=None)
    assert not Agreement.objects.expiring(within=90, on=ON).exists()


def test_status_on_follows_the_dates():
    found = agreement(ends_on=ON + 10 * DAY)
    assert found.status_on(ON) == Agreement.Status.EXPIRING
    assert found.status_on(ON + 11 * DAY) == Agreement.Status.EXPIRED
    assert found.status_on(ON - 366 * DAY) == Agreement.Status.SIGNED


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


# Visit current / upcoming / past


@pytest.fixture
def visits():
    return {
        "past": VisitFactory(starts_on=ON - 20 * DAY, ends_on=ON - DAY),
        "ending_today": VisitFactory(starts_on=ON - 5 * DAY, ends_on=ON),
        "starting_today": VisitFactory(starts_on=ON, ends_on=ON + 5 * DAY),
        "upcoming": VisitFactory(starts_on=ON + DAY, ends_on=ON + 9 * DAY),
    }


def test_current_visits_include_those_starting_or_ending_today(visits):
    assert set(Visit.objects.current(on=ON)) == {visits["ending_today"], visits["starting_today"]}


def test_upcoming_visits_start_after_today(visits):
    assert list(Visit.objects.upcoming(on=ON)) == [visits["upcoming"]]


def test_past_visits_ended_before_today(visits):
    assert list(Visit.objects.past(on=ON)) == [visits["past"]]


def test_published_visits_exclude_unpublished_scholars():
    VisitFactory(scholar__is_published=False)
    shown = VisitFactory()
    assert list(Visit.objects.published()) == [shown]


# SiteSettings and key figures


def test_site_settings_stay_one_row():
    first = SiteSettings.load()
    SiteSettings(short_name="OTHER").save()
    assert SiteSettings.objects.count() == 1
    assert first.pk == SiteSettings.objects.get().pk == 1


def test_site_settings_save_refreshes_the_cached_copy():
    site = SiteSettings.load()
    site.short_name = "NEWU"
    site.save()
    assert SiteSettings.load().short_name == "NEWU"


def test_key_figures_count_only_published_partners():
    AgreementFactory(partner__country="JP")
    AgreementFactory(partner__country="FR")
    AgreementFactory(partner__country="US", partner__is_published=False)
    MobilityRecordFactory.create_batch(3)
    figures = key_figures()
    # MobilityRecordFactory makes three more published partners in Japan.
    assert figures == {"partners": 5, "countries": 2, "agreements_in_force": 2, "students_abroad": 3, "students_received": 0}
