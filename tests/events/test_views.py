import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from core.models import SiteSettings, Weekday
from events.models import Registration
from events.views import REGISTRATION_LIMIT
from tests.events.factories import EventFactory, RegistrationEventFactory, RegistrationFactory
from tests.helpers import forget_kept_parts, url
from tests.partners.factories import PartnerUniversityFactory
from tests.scholars.factories import ScholarFactory

pytestmark = pytest.mark.django_db


def past_event(**kwargs):
    start = timezone.now() - datetime.timedelta(days=30)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs)


def registration_data(**overrides):
    return {"name": "Mei Lin", "email": "mei@example.org", "affiliation": "NCKU", "consent": "on", "website": "", **overrides}


# --- lists ---------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_upcoming_list_shows_upcoming_published_events_only(client, language):
    upcoming = EventFactory()
    hidden = EventFactory(is_published=False)
    old = past_event()
    response = client.get(url("events:list", language))
    assert response.status_code == 200
    html = response.content.decode()
    assert upcoming.title in html
    assert hidden.title not in html
    assert old.title not in html


def test_past_list_shows_past_events(client):
    old = past_event()
    coming = EventFactory()
    html = client.get(url("events:past")).content.decode()
    assert old.title in html
    assert coming.title not in html


def test_list_filters_by_kind(client):
    seminar = EventFactory(kind="seminar")
    cultural = EventFactory(kind="cultural")
    html = client.get(url("events:list"), {"kind": "cultural"}).content.decode()
    assert cultural.title in html
    assert seminar.title not in html


def test_list_filters_by_month(client):
    soon = EventFactory()
    later = EventFactory(starts_at=soon.starts_at + datetime.timedelta(days=62), ends_at=soon.starts_at + datetime.timedelta(days=62, hours=1))
    month = timezone.localtime(later.starts_at).strftime("%Y-%m")
    html = client.get(url("events:list"), {"month": month}).content.decode()
    assert later.title in html
    assert soon.title not in html


def test_list_filters_by_partner(client):
    partner = PartnerUniversityFactory()
    with_partner = EventFactory()
    with_partner.partners.add(partner)
    without = EventFactory()
    html = client.get(url("events:list"), {"partner": partner.slug}).content.decode()
    assert with_partner.title in html
    assert without.title not in html


@pytest.mark.parametrize("params", [{"kind": "nope"}, {"month": "2026-13"}, {"month": "soon"}, {"partner": "x" * 300}, {"page": "999"}])
def test_unknown_filter_values_never_fail(client, params):
    EventFactory()
    response = client.get(url("events:list"), params)
    assert response.status_code in (200, 404)


def test_bad_month_is_ignored_and_other_filters_still_apply(client):
    seminar = EventFactory(kind="seminar")
    cultural = EventFactory(kind="cultural")
    html = client.get(url("events:list"), {"kind": "cultural", "month": "bad"}).content.decode()
    assert cultural.title in html
    assert seminar.title not in html


def test_list_is_paginated(client):
    EventFactory.create_batch(13)
    response = client.get(url("events:list"))
    assert len(response.context["events"]) == 12
    assert client.get(url("events:list"), {"page": 2}).context["events"].__len__() == 1


def test_list_links_the_feeds_in_head(client):
    html = client.get(url("events:list")).content.decode()
    head = html[: html.index("</head>")]
    assert 'type="application/rss+xml"' in head
    assert 'type="application/atom+xml"' in head
    assert 'type="text/calendar"' in head


# --- calendar ------------------------------------------------------------

def test_calendar_without_month_redirects_to_this_month(client):
    today = timezone.localdate()
    response = client.get(url("events:calendar-current"))
    assert response.status_code == 302
    assert response.url == url("events:calendar", year=today.year, month=today.month)


def test_calendar_shows_the_months_events_in_a_table_with_caption(client):
    event = EventFactory(starts_at=timezone.make_aware(datetime.datetime(2030, 3, 14, 10)), ends_at=timezone.make_aware(datetime.datetime(2030, 3, 14, 12)))
    other_month = EventFactory(starts_at=timezone.make_aware(datetime.datetime(2030, 4, 2, 10)), ends_at=timezone.make_aware(datetime.datetime(2030, 4, 2, 12)))
    html = client.get(url("events:calendar", year=2030, month=3)).content.decode()
    assert "<caption" in html and "March 2030" in html
    assert html.count('<th scope="col"') == 7
    assert event.title in html
    assert other_month.title not in html


def test_calendar_links_previous_and_next_months_across_years(client):
    html = client.get(url("events:calendar", year=2030, month=1)).content.decode()
    assert url("events:calendar", year=2029, month=12) in html
    assert url("events:calendar", year=2030, month=2) in html


def test_calendar_weeks_start_on_the_sites_first_day(client):
    site = SiteSettings.get_solo()
    assert client.get(url("events:calendar", year=2030, month=3)).context["weekdays"][0] == "Sun"  # STUST's default
    site.first_day_of_week = Weekday.MONDAY
    site.save()
    response = client.get(url("events:calendar", year=2030, month=3))
    assert response.context["weekdays"][0] == "Mon"
    assert response.context["weeks"][0][0]["date"].weekday() == Weekday.MONDAY


def test_event_page_names_the_sites_time_zone(client):
    site = SiteSettings.get_solo()
    site.time_zone_label_en = "Taiwan time, UTC+8"
    site.save()
    event = EventFactory()
    assert "Taiwan time, UTC+8" in client.get(event.get_absolute_url()).content.decode()


def test_calendar_places_an_event_on_its_taipei_date(client):
    # 23:30 in Taipei is 15:30 UTC the same day; 00:30 Taipei on the 15th is the 14th in UTC.
    start = timezone.make_aware(datetime.datetime(2030, 3, 15, 0, 30))
    EventFactory(title_en="Midnight talk", starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    response = client.get(url("events:calendar", year=2030, month=3))
    day = next(d for week in response.context["weeks"] for d in week if d["events"])
    assert day["date"] == datetime.date(2030, 3, 15)


def test_calendar_hides_unpublished_events(client):
    hidden = EventFactory(is_published=False, starts_at=timezone.make_aware(datetime.datetime(2030, 3, 14, 10)), ends_at=timezone.make_aware(datetime.datetime(2030, 3, 14, 12)))
    assert hidden.title not in client.get(url("events:calendar", year=2030, month=3)).content.decode()


def test_calendar_with_impossible_month_is_404(client):
    assert client.get(url("events:calendar", year=2030, month=13)).status_code == 404


# --- detail --------------------------------------------------------------

def test_detail_shows_speakers_linked_to_their_pages_and_partners(client):
    speaker = ScholarFactory()
    partner = PartnerUniversityFactory()
    event = EventFactory(online_url="https://meet.example.edu/x")
    event.speakers.add(speaker)
    event.partners.add(partner)
    html = client.get(event.get_absolute_url()).content.decode()
    assert speaker.get_absolute_url() in html
    assert partner.get_absolute_url() in html
    assert "https://meet.example.edu/x" in html
    assert url("events:ics", slug=event.slug) in html


def test_detail_hides_unpublished_speakers(client):
    hidden = ScholarFactory(is_published=False)
    event = EventFactory()
    event.speakers.add(hidden)
    assert hidden.name not in client.get(event.get_absolute_url()).content.decode()


def test_detail_of_unpublished_event_is_404(client):
    assert client.get(EventFactory(is_published=False).get_absolute_url()).status_code == 404


def test_detail_shows_seats_left(client):
    event = RegistrationEventFactory(capacity=5)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    assert "4 seats left" in client.get(event.get_absolute_url()).content.decode()


def test_detail_has_opengraph_and_twitter_tags(client):
    event = EventFactory()
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{event.title}">' in html
    assert 'name="twitter:card"' in html


# --- registration --------------------------------------------------------

def test_visitor_registers_and_gets_a_confirmation(client, django_capture_on_commit_callbacks):
    event = RegistrationEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.get_absolute_url(), registration_data())
    assert response.status_code == 302
    registration = event.registrations.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.language == "en"
    assert mail.outbox[0].to == ["mei@example.org"]


def test_registration_in_chinese_remembers_the_language(client):
    event = RegistrationEventFactory()
    with translation.override("zh-hant"):
        path = event.get_absolute_url()
    client.post(path, registration_data())
    assert event.registrations.get().language == "zh-hant"


def test_registration_without_consent_is_refused_and_keeps_what_was_typed(client):
    event = RegistrationEventFactory()
    response = client.post(event.get_absolute_url(), registration_data(consent=""))
    assert response.status_code == 400
    assert 'value="Mei Lin"' in response.content.decode()
    assert not event.registrations.exists()


def test_the_blank_registration_form_comes_from_the_cache_but_what_was_typed_is_never_kept(client):
    from django.core.cache import cache

    event = RegistrationEventFactory()
    blank = client.get(event.get_absolute_url()).content.decode()
    assert 'name="name"' in blank and 'name="email"' in blank and 'name="consent"' in blank
    assert client.get(event.get_absolute_url()).content.decode().count('name="email"') == 1
    typed = registration_data(consent="", name="Private Person Lin", email="private.lin@example.com")
    refused = client.post(event.get_absolute_url(), typed).content.decode()
    assert 'value="Private Person Lin"' in refused and 'value="private.lin@example.com"' in refused
    kept = b"".join(cache._cache.values())  # locmem: everything the test kept, pickled (text stays as typed)
    assert b"Private Person Lin" not in kept and b"private.lin@example.com" not in kept
    # And the next visitor gets a blank form again.
    assert "Private Person Lin" not in client.get(event.get_absolute_url()).content.decode()


def test_honeypot_filled_is_answered_like_a_success_and_registers_nobody(client):
    event = RegistrationEventFactory()
    response = client.post(event.get_absolute_url(), registration_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not event.registrations.exists()
    assert not mail.outbox


def test_duplicate_registration_shows_an_error(client):
    event = RegistrationEventFactory()
    RegistrationFactory(event=event, email="mei@example.org")
    response = client.post(event.get_absolute_url(), registration_data())
    assert response.status_code == 400
    assert "already registered" in response.content.decode()


def test_registration_after_the_deadline_is_refused(client):
    event = RegistrationEventFactory(registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = client.post(event.get_absolute_url(), registration_data(), follow=True)
    assert "deadline has passed" in response.content.decode()
    assert not event.registrations.exists()


def test_closed_event_shows_no_form(client):
    event = RegistrationEventFactory(registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = client.get(event.get_absolute_url())
    assert response.context["form"] is None


def test_registrations_are_rate_limited_per_ip(client):
    event = RegistrationEventFactory(capacity=None)
    for i in range(REGISTRATION_LIMIT.limit):
        client.post(event.get_absolute_url(), registration_data(email=f"p{i}@example.org"), REMOTE_ADDR="10.0.0.9")
    response = client.post(event.get_absolute_url(), registration_data(email="late@example.org"), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert event.registrations.count() == REGISTRATION_LIMIT.limit


def test_cancel_link_asks_before_cancelling(client):
    registration = RegistrationFactory()
    response = client.get(registration.get_cancel_url())
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_cancel_link_cancels_on_post(client):
    registration = RegistrationFactory()
    client.post(registration.get_cancel_url())
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_unknown_cancel_token_is_404(client):
    RegistrationFactory()
    assert client.get(url("events:cancel-registration", token="not-a-real-token")).status_code == 404


# --- calendars -----------------------------------------------------------

def test_event_ics_is_served_as_calendar(client):
    event = EventFactory()
    response = client.get(url("events:ics", slug=event.slug))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content


def test_ics_of_unpublished_event_is_404(client):
    assert client.get(url("events:ics", slug=EventFactory(is_published=False).slug)).status_code == 404


# --- query counts --------------------------------------------------------

def make_events(count):
    partner = PartnerUniversityFactory()
    speaker = ScholarFactory()
    for _ in range(count):
        event = RegistrationEventFactory(capacity=10)
        event.partners.add(partner)
        event.speakers.add(speaker)
        RegistrationFactory(event=event)


def test_the_list_counts_seats_for_the_events_of_each_page_in_order(client):
    now = timezone.now()
    events = [
        RegistrationEventFactory(
            capacity=3, starts_at=now + datetime.timedelta(days=day), registration_deadline=now, title_en=f"Talk {day:02d}"
        )
        for day in range(1, 15)
    ]
    for taken, event in enumerate(events):
        RegistrationFactory.create_batch(taken % 3, event=event)
    RegistrationFactory(event=events[12], status=Registration.Status.WAITLISTED)
    first = client.get(url("events:list")).content.decode()
    second = client.get(url("events:list") + "?page=2").content.decode()
    assert [f"Talk {day:02d}" in first for day in range(1, 15)] == [True] * 12 + [False] * 2
    assert first.index("Talk 01") < first.index("Talk 02") < first.index("Talk 12")
    assert second.index("Talk 13") < second.index("Talk 14") and "Talk 12" not in second
    # Talk 13 (index 12): 0 confirmed, 1 waitlisted -> 3 seats; Talk 14: 1 confirmed -> 2 seats.
    assert second[second.index("Talk 13") : second.index("Talk 14")].count("3 seats left") == 1
    assert "2 seats left" in second[second.index("Talk 14") :]
    talk_03 = first[first.index("Talk 03") : first.index("Talk 04")]
    assert "1 seat left" in talk_03


# Lists: the count and the cards' keys; after new events, also the filter's partners (a new
# partner) and the cards not kept, read whole with their speakers and partners.
@pytest.mark.parametrize(("name", "kwargs", "kept", "rendered"), [
    ("events:list", {}, 2, 6),
    ("events:past", {}, 2, 6),
    ("events:ical-feed", {}, 1, 1),
    ("events:rss", {}, 1, 1),
])
def test_event_pages_run_constant_queries(client, name, kwargs, kept, rendered, django_assert_num_queries):
    def more_events(count):
        make_events(count)
        if name == "events:past":
            EventFactory.create_batch(count, starts_at=timezone.now() - datetime.timedelta(days=3), ends_at=timezone.now() - datetime.timedelta(days=2))

    more_events(3)
    path = url(name, **kwargs)
    client.get(path)  # warm the site settings cache like a running site
    client.get(path)  # the filter's choices, read before the site settings were stored
    with django_assert_num_queries(kept):
        client.get(path)
    more_events(27)
    with django_assert_num_queries(rendered):
        client.get(path)
    with django_assert_num_queries(kept):
        client.get(path)


def test_calendar_runs_constant_queries(client, django_assert_num_queries):
    now = timezone.localtime()
    path = url("events:calendar", year=now.year, month=now.month)
    EventFactory.create_batch(3, starts_at=now, ends_at=now + datetime.timedelta(hours=1))
    client.get(path)
    with django_assert_num_queries(1):
        client.get(path)
    EventFactory.create_batch(27, starts_at=now, ends_at=now + datetime.timedelta(hours=1))
    with django_assert_num_queries(1):
        client.get(path)


def test_event_detail_runs_constant_queries(client, django_assert_num_queries):
    event = RegistrationEventFactory(capacity=100)
    event.speakers.add(*ScholarFactory.create_batch(3))
    event.partners.add(*PartnerUniversityFactory.create_batch(3))
    RegistrationFactory.create_batch(3, event=event)
    client.get(event.get_absolute_url())
    # The event with its counts; then, drawn into the kept part, its speakers and partners.
    for added in (0, 27):
        event.speakers.add(*ScholarFactory.create_batch(added))
        event.partners.add(*PartnerUniversityFactory.create_batch(added))
        RegistrationFactory.create_batch(added, event=event)
        forget_kept_parts()
        with django_assert_num_queries(3):
            client.get(event.get_absolute_url())
        with django_assert_num_queries(1):  # the part kept
            client.get(event.get_absolute_url())
