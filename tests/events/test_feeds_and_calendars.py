import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.events.factories import EventFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - the portal's own output, parsed in a test


def test_event_ics_parses_back_with_the_events_details(client):
    start = timezone.make_aware(datetime.datetime(2030, 5, 20, 14, 0))
    event = EventFactory(title_en="Seminar on optics", starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    calendar = Calendar.from_ical(client.get(url("events:ics", slug=event.slug)).content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Seminar on optics"
    assert vevent["UID"]
    assert vevent["DTSTAMP"]
    assert str(calendar["VERSION"]) == "2.0"


def test_event_ics_times_are_taipei_local_with_a_vtimezone(client):
    start = timezone.make_aware(datetime.datetime(2030, 5, 20, 14, 0))
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    content = client.get(url("events:ics", slug=event.slug)).content
    assert b"DTSTART;TZID=Asia/Taipei:20300520T140000" in content
    calendar = Calendar.from_ical(content)
    [timezone_component] = calendar.walk("VTIMEZONE")
    assert str(timezone_component["TZID"]) == "Asia/Taipei"
    [vevent] = calendar.walk("VEVENT")
    # 14:00 in Taipei is 06:00 UTC.
    assert vevent.decoded("DTSTART").astimezone(ZoneInfo("UTC")) == datetime.datetime(2030, 5, 20, 6, 0, tzinfo=ZoneInfo("UTC"))
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == datetime.timedelta(hours=2)


def test_ical_feed_lists_upcoming_published_events_only(client):
    upcoming = EventFactory()
    hidden = EventFactory(is_published=False)
    past_start = timezone.now() - datetime.timedelta(days=10)
    past = EventFactory(starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=1))
    calendar = Calendar.from_ical(client.get(url("events:ical-feed")).content)
    summaries = {str(v["SUMMARY"]) for v in calendar.walk("VEVENT")}
    assert summaries == {upcoming.title}
    assert hidden.title not in summaries and past.title not in summaries


def test_event_location_is_the_venue_or_the_online_link(client):
    online = EventFactory(venue_en="", online_url="https://meet.example.edu/room")
    [vevent] = Calendar.from_ical(client.get(url("events:ics", slug=online.slug)).content).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "https://meet.example.edu/room"


@pytest.mark.parametrize("feed", ["events:rss", "events:atom"])
def test_event_feeds_are_xml_with_upcoming_published_events_only(client, feed):
    upcoming = EventFactory()
    hidden = EventFactory(is_published=False)
    text = ET.tostring(parse_xml(client.get(url(feed)).content), encoding="unicode")
    assert upcoming.title in text
    assert hidden.title not in text


def test_sitemap_lists_published_events_only(client):
    event = EventFactory()
    hidden = EventFactory(is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert event.slug in xml
    assert hidden.slug not in xml


# --- Plain text stays plain text in feeds (issue 11, finding 2) --------------------------------

TYPED = "R&D <2027> <b onclick=alert(1)>bold</b>"


def html_shown_by_a_reader(fragment):
    """What a feed reader shows for an HTML description: its text, and the tags it would render."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags, self.text = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.text.append(data)

    reader = Reader()
    reader.feed(fragment)
    reader.close()
    return [tag for tag in reader.tags if tag not in ("p", "br")], "".join(reader.text)


@pytest.mark.parametrize(
    ("feed", "element"),
    [
        ("events:news-rss", "item/description"),
        ("events:news-atom", "{http://www.w3.org/2005/Atom}summary"),
        ("events:rss", "item/description"),
        ("events:atom", "{http://www.w3.org/2005/Atom}summary"),
    ],
)
def test_feeds_show_the_characters_staff_typed_never_markup(client, feed, element):
    from tests.events.factories import NewsArticleFactory

    NewsArticleFactory(summary_en=TYPED)
    EventFactory(summary_en=TYPED, starts_at=timezone.now() + datetime.timedelta(days=3),
                 ends_at=timezone.now() + datetime.timedelta(days=3, hours=2))
    root = parse_xml(client.get(url(feed)).content)
    descriptions = [node.text for node in root.iterfind(f".//{element}")]
    assert descriptions
    for description in descriptions:
        tags, text = html_shown_by_a_reader(description)
        assert tags == []
        assert text == TYPED
