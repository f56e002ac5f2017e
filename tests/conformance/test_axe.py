"""axe-core (WCAG 2.0/2.1/2.2 A and AA, and best practice) on every page shape, both languages.

The pages are the Nu checker's (tests/conformance/pages.py), one page per shape and
language. Chromium asks for each page and its CSS, JavaScript and images; every
request is answered by Django's test client in this process, so the browser sees the
seeded site of this test's transaction without a live server.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.e2e]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
ORIGIN = "http://testserver"


def asset(path):
    """The file behind a static or media URL (the test client serves neither without a live server)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    if path.startswith(settings.STATIC_URL):
        return finders.find(path.removeprefix(settings.STATIC_URL))
    if path.startswith(settings.MEDIA_URL):
        candidate = Path(settings.MEDIA_ROOT, path.removeprefix(settings.MEDIA_URL))
        return str(candidate) if candidate.is_file() else None
    return None


def one_page_per_shape(rendered):
    """One page of each shape and language. Of the filter variants only the one with every
    filter set is kept: a single filter changes the rows, not the markup axe judges."""
    chosen = {}
    for item in rendered:
        shape = item.page.shape
        if re.search(r" \?(\w+=|q=)$", shape) and not shape.startswith("search"):
            continue
        chosen.setdefault((shape, item.page.language), item)
    return list(chosen.values())


def violations_on(page, axe, item, renderer):
    client = renderer.staff if item.page.staff else renderer.anonymous

    def answer(route):
        request = route.request
        if request.resource_type == "document":
            route.fulfill(status=item.status, content_type=item.content_type, body=item.html)
            return
        url = urlsplit(request.url)
        found = asset(url.path)
        if found:
            route.fulfill(path=found)
            return
        response = client.get(url.path + (f"?{url.query}" if url.query else ""))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        route.fulfill(status=response.status_code, headers=dict(response.items()), body=body)

    page.route("**/*", answer)
    try:
        page.goto(ORIGIN + item.page.path, wait_until="load")
        # Scripts that finish the widgets run on "load" and in the next animation frames.
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    finally:
        page.unroute("**/*")
    return results.response["violations"]


def test_every_page_shape_has_no_axe_violation(site_pages, page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    renderer, rendered, unexpected = site_pages
    assert not unexpected, "\n".join(unexpected)
    pages = one_page_per_shape(rendered)
    if os.environ.get("AXE_SHAPES"):  # a quicker look at some shapes while fixing them
        pages = [item for item in pages if any(part in item.page.shape for part in os.environ["AXE_SHAPES"].split(","))]
    found = {}
    for item in pages:
        for violation in violations_on(page, axe, item, renderer):
            targets = [node["target"] for node in violation["nodes"]][:4]
            found.setdefault(f"[{item.page.language}] {item.page.shape} {item.page.path}", []).append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}"
            )
    print(f"\naxe-core: {len(pages)} pages ({len(pages)} page shapes × languages), {sum(map(len, found.values()))} violations")
    report = "\n".join(f"{name}\n  " + "\n  ".join(messages) for name, messages in sorted(found.items()))
    assert not found, f"axe-core violations on {len(found)} of {len(pages)} pages:\n{report}"
