"""Every choice of every GET form on every public page, asked for: never a server error.

Generated, not listed: the public URLs come from the resolver (tests/urlwalk.py)
with the sample rows; each page's GET forms (the finder's filters and sort, the
search's kinds, the lists' filters) are read from the page's own HTML, and every
value each <select>, radio button and checkbox offers is submitted, alone and all
together, in both languages. The finder sorted by name answered 500 for a while
because no test had asked for that one option.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings

from tests import urlwalk
from tests.core.factories import UserFactory
from tests.samples import make_samples

pytestmark = pytest.mark.django_db


class GetForms(HTMLParser):
    """The GET forms of a page: their action and, for each field with fixed values, those values."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "get":
                self._form = {"action": attrs.get("action") or "", "fields": {}, "texts": [], "hidden": []}
                self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "select" and attrs.get("name"):
            self._select = self._form["fields"].setdefault(attrs["name"], [])
        elif tag == "option" and self._select is not None:
            self._select.append(attrs.get("value", ""))
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox") and attrs.get("name"):
            self._form["fields"].setdefault(attrs["name"], []).append(attrs.get("value") or "on")
        elif tag == "input" and attrs.get("type", "text") in ("text", "search") and attrs.get("name"):
            self._form["texts"].append(attrs["name"])
        elif tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self._form["hidden"].append((attrs["name"], attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def get_forms(html, texts=False):
    parser = GetForms()
    parser.feed(html)
    return [form for form in parser.forms if form["texts" if texts else "fields"]]


@pytest.fixture
def public_pages(client):
    samples = make_samples()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    found = urlwalk.targets(samples, lambda path: client.get(path).status_code != 404)
    public = [target for target in found if not target.route.is_admin]
    client.logout()
    return public


def forms_on(client, pages, texts=False):
    """(page, action, form) for every GET form of every page in every language that answers HTML."""
    for target in pages:
        for language, _name in settings.LANGUAGES:
            path = target.in_language(language)
            response = client.get(path)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            for form in get_forms(response.content.decode(), texts=texts):
                yield target, form["action"] or urlsplit(path).path, form


def test_every_value_of_every_get_form_on_a_public_page_is_answered(client, public_pages):
    asked, failures = 0, []
    forms_seen = set()
    for target, action, form in forms_on(client, public_pages):
        forms_seen.add((target.key, tuple(sorted(form["fields"]))))
        everything = {name: values[-1] for name, values in form["fields"].items()}
        queries = [{name: value} for name, values in form["fields"].items() for value in values]
        for query in [*queries, everything]:
            asked += 1
            answer = client.get(f"{action}?{urlencode(query)}")
            if answer.status_code >= 500:
                failures.append((action, query, answer.status_code))
    # The finder's filters and the search's kinds at least: a page that lost its form would shrink this.
    assert any(key.startswith("<lang>/programmes/") for key, _fields in forms_seen), forms_seen
    assert asked > 50, asked
    assert failures == []


def test_every_paginated_public_list_shows_the_nearest_page_for_any_page_number(client, public_pages):
    paginated = [target for target in public_pages if getattr(getattr(target.route.callback, "view_class", None), "paginate_by", None)]
    assert len(paginated) >= 8, [target.key for target in paginated]  # the lists of every app, found by the resolver
    for target in paginated:
        for page in ("x", "0", "-1", "2.5", "999999", ""):
            response = client.get(target.path, {"page": page})
            assert response.status_code == 200, (target.path, page)
            page_obj = response.context["page_obj"]
            assert page_obj.number == (page_obj.paginator.num_pages if page == "999999" else 1), (target.path, page)


HOSTILE = '=1<i data-h="find">R&D</i>'


def test_every_text_box_of_every_get_form_on_a_public_page_takes_hostile_text(client, public_pages, monkeypatch):
    # Every call chosen from by search, so that the apply page's programme search is among the forms.
    monkeypatch.setattr("exchanges.forms.LISTED_AT_MOST", 0)
    boxes, failures = set(), []
    for _target, action, form in forms_on(client, public_pages, texts=True):
        for name in form["texts"]:
            boxes.add((urlsplit(action).path.split("/", 2)[-1], name))
            answer = client.get(f"{action}?{urlencode([*form['hidden'], (name, HOSTILE)])}")
            content = answer.content.decode()
            if answer.status_code >= 500 or "<i data-h" in content:
                failures.append((action, name, answer.status_code))
    # The site search, the lists' text filters and the apply page's programme search, at least.
    assert {name for _path, name in boxes} >= {"q", "find"}, boxes
    assert failures == []
