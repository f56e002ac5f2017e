import datetime

import pytest
from django.utils import timezone

from tests.events.factories import EventFactory, RegistrationEventFactory
from tests.partners.factories import PartnerUniversityFactory
from tests.scholars.factories import ScholarFactory

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["en", "zh-hant"]


@pytest.fixture
def event():
    event = RegistrationEventFactory(capacity=30, online_url="https://meet.example.edu/x")
    event.speakers.add(ScholarFactory())
    event.partners.add(PartnerUniversityFactory())
    EventFactory(kind="cultural")
    start = timezone.now() - datetime.timedelta(days=20)
    EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    return event


@pytest.mark.parametrize("language", LANGUAGES)
def test_events_list_is_accessible(live_server, page, assert_accessible, event, language):
    page.goto(f"{live_server.url}/{language}/events/")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_past_events_list_is_accessible(live_server, page, assert_accessible, event, language):
    page.goto(f"{live_server.url}/{language}/events/past/")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_calendar_is_accessible(live_server, page, assert_accessible, event, language):
    local = timezone.localtime(event.starts_at)
    page.goto(f"{live_server.url}/{language}/events/calendar/{local.year}/{local.month}/")
    assert page.locator("table caption").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_detail_is_accessible(live_server, page, assert_accessible, event, language):
    page.goto(f"{live_server.url}/{language}/events/{event.slug}/")
    assert_accessible(page)


def test_calendar_month_navigation_works_without_javascript(live_server, browser, event):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/events/calendar/2030/12/")
    page.get_by_role("link", name="January 2031").click()
    assert page.url.endswith("/en/events/calendar/2031/1/")
    assert "January 2031" in page.locator("table caption").inner_text()
    context.close()
