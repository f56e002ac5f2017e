"""Public pages run under the strict Content-Security-Policy without a single violation."""

import pytest

from tests.events.factories import EventFactory, NewsArticleFactory
from tests.exchanges.factories import CallProgrammeFactory
from tests.partners.factories import AgreementFactory
from tests.scholars.factories import VisitFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Public pages to load in the browser; add new ones here.
PUBLIC_PATHS = [
    "/en/",
    "/zh-hant/",
    "/en/about/",
    "/en/partners/",
    "/en/programmes/",
    "/en/scholars/",
    "/en/events/",
    "/en/news/",
    "/en/search/?q=kyoto",
]


def test_public_pages_load_without_csp_violation_or_script_error(live_server, page):
    CallProgrammeFactory()
    AgreementFactory()
    VisitFactory()
    EventFactory()
    NewsArticleFactory()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    for path in PUBLIC_PATHS:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert not problems
