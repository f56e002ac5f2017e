"""Hostile input on every public page: never a 500.

PUBLIC_PAGES is a module-level table of the pages' filters. Stored text in every
field, read back through every channel, is test_hostile_sweep.py's (generated).
"""

import urllib.parse

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# Query parameters any public list page might read; unknown ones must be ignored.
FILTER_PARAMETERS = [
    "q", "country", "region", "kind", "level", "language", "term", "category", "direction",
    "sort", "year", "month", "date", "from", "to", "min_gpa", "deadline", "status",
    "gpa", "open_now", "partner", "purpose", "field",
]

# (url name, kwargs, extra query parameters that page reads)
PUBLIC_PAGES = [
    ("home", {}, []),
    ("about", {}, []),
    ("partners:list", {}, []),
    ("exchanges:list", {}, []),
    ("scholars:list", {}, []),
    ("events:list", {}, []),
    ("events:news-list", {}, []),
    ("events:past", {}, []),
    ("events:calendar", {"year": 2026, "month": 11}, []),
    ("scholars:teacher-exchange", {}, []),
    ("partners:map", {}, []),
    ("statistics:index", {}, []),
    ("search", {}, []),
]

HOSTILE_VALUES = {
    "very long": "x" * 20_000,
    "long unicode": "國際" * 5_000,
    "control characters": "a\x01\x02\x07\x08\x1b[31m\x7fb",
    "nul": "a\x00b",
    "html": '"><script>alert(1)</script><img src=x onerror=alert(1)>',
    "sql": "' OR 1=1; DROP TABLE partners_partneruniversity; --",
    "sql comment": "1) UNION SELECT username, password FROM auth_user --",
    "negative": "-1",
    "huge number": "99999999999999999999999999",
    "float": "1.5e308",
    "not a number": "NaN",
    "bad date": "2026-13-45",
    "not a date": "yesterday-ish",
    "percent": "%%%25%",
    "wildcards": "%_\\",
    "empty": "",
    "whitespace": " \t\n ",
    "unicode direction": "\u202etxt.exe",
    "emoji": "🎓🌏",
}

# Raw query strings that are not valid UTF-8 once percent-decoded, or not well formed.
RAW_QUERY_STRINGS = [
    "q=%ff%fe%fd",
    "q=%c3%28&page=%80",
    "country=%e2%82&kind=%ed%a0%80",
    "q=%",
    "q=%zz",
    "page=1&page=2&page=x",
    "=&&=&q",
    "q[]=1&q[x]=2",
]

PAGE_NUMBERS = ["0", "-1", "2", "999999", "99999999999999999999999", "abc", "1.5", "last", "", "%00"]

NOT_A_SERVER_ERROR = {200, 301, 302, 400, 404}


def page_url(url_name, kwargs, language="en"):
    with translation.override(language):
        return reverse(url_name, kwargs=kwargs or None)


def page_ids(pages):
    return [row[0] for row in pages]


@pytest.mark.parametrize(("url_name", "kwargs", "extra"), PUBLIC_PAGES, ids=page_ids(PUBLIC_PAGES))
@pytest.mark.parametrize("value_name", list(HOSTILE_VALUES))
def test_hostile_filter_values_never_cause_a_server_error(client, one_of_each, url_name, kwargs, extra, value_name):
    value = HOSTILE_VALUES[value_name]
    params = dict.fromkeys([*FILTER_PARAMETERS, *extra], value)
    response = client.get(page_url(url_name, kwargs), params)
    assert response.status_code in NOT_A_SERVER_ERROR, f"{url_name} with {value_name}: {response.status_code}"


@pytest.mark.parametrize(("url_name", "kwargs", "extra"), PUBLIC_PAGES, ids=page_ids(PUBLIC_PAGES))
@pytest.mark.parametrize("query_string", RAW_QUERY_STRINGS)
def test_malformed_query_strings_never_cause_a_server_error(client, one_of_each, url_name, kwargs, extra, query_string):
    response = client.get(f"{page_url(url_name, kwargs)}?{query_string}")
    assert response.status_code in NOT_A_SERVER_ERROR, f"{url_name}?{query_string}: {response.status_code}"


@pytest.mark.parametrize(("url_name", "kwargs", "extra"), PUBLIC_PAGES, ids=page_ids(PUBLIC_PAGES))
@pytest.mark.parametrize("page_number", PAGE_NUMBERS)
def test_odd_page_numbers_never_cause_a_server_error(client, one_of_each, url_name, kwargs, extra, page_number):
    response = client.get(f"{page_url(url_name, kwargs)}?page={urllib.parse.quote(page_number, safe='%')}")
    assert response.status_code in NOT_A_SERVER_ERROR


def test_nul_characters_are_dropped_before_the_view_sees_the_query(rf):
    from core.middleware import StripNullCharactersMiddleware

    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return HttpResponse()

    StripNullCharactersMiddleware(view)(rf.get("/en/partners/", {"q": "ky\x00oto", "pa\x00ge": ["1\x00", "2"]}))
    assert seen == {"q": ["kyoto"], "page": ["1", "2"]}


def test_nul_in_a_query_gives_the_ordinary_page(client):
    response = client.get("/zh-hant/partners/", {"q": "a\x00b"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/en/partners/%ff%fe/", "/en/partners/%00/", "/en/programmes/" + "a" * 5000 + "/", "/en/news/<script>/", "/en/../../etc/passwd"],
)
def test_hostile_paths_are_not_found_not_server_errors(client, path):
    assert client.get(path).status_code in {400, 404}


def test_hostile_accept_language_header_is_ignored(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="<script>;q=abc, zz-ZZ;q=1e999, " + "x" * 5000)
    assert response.status_code in {301, 302}


# Stored text in every field and every output channel: test_hostile_sweep.py (generated).


@pytest.mark.parametrize("value_name", list(HOSTILE_VALUES))
def test_hostile_event_registration_is_refused_or_saved_escaped_never_a_server_error(client, value_name):
    from events.models import Registration
    from tests.events.factories import RegistrationEventFactory

    event = RegistrationEventFactory(capacity=50)
    value = HOSTILE_VALUES[value_name]
    response = client.post(
        event.get_absolute_url(),
        {"name": value, "email": "visitor@example.org", "affiliation": value, "consent": "on", "website": ""},
    )
    assert response.status_code in NOT_A_SERVER_ERROR
    if response.status_code == 400:
        assert not Registration.objects.filter(event=event).exists()  # refused whole, nothing half-written
        assert "<script>alert" not in response.content.decode()
