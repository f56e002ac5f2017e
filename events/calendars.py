"""iCalendar (RFC 5545) files: one event, or a feed of upcoming events.

Times are written in Asia/Taipei with a VTIMEZONE so calendar apps show
the right local time wherever the subscriber lives.
"""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone
from icalendar import Event as ICalEvent

from outbox.mail import absolute_url

PRODID = "-//OIA Portal//Events//EN"
# VTIMEZONE transitions from here on (Taiwan has had no DST since 1979).
FIRST_DATE = datetime.date(2000, 1, 1)


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(Timezone.from_tzinfo(ZoneInfo(settings.TIME_ZONE), first_date=FIRST_DATE))
    return calendar


def _component(event):
    tz = ZoneInfo(settings.TIME_ZONE)
    component = ICalEvent()
    component.add("uid", f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname}")
    component.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    component.add("dtstart", event.starts_at.astimezone(tz))
    component.add("dtend", event.ends_at.astimezone(tz))
    component.add("summary", event.title)
    url = absolute_url(event.get_absolute_url())
    component.add("url", url)
    description = "\n\n".join(part for part in (event.summary, url) if part)
    component.add("description", description)
    location = event.venue or event.online_url
    if location:
        component.add("location", location)
    component.add("last-modified", event.updated_at.astimezone(ZoneInfo("UTC")))
    return component


def event_ics(event):
    calendar = _calendar(event.title)
    calendar.add_component(_component(event))
    return calendar.to_ical()


def events_ics(events, name):
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_component(event))
    return calendar.to_ical()
