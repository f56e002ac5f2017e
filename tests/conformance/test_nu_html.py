"""Every page shape, both languages, admin and error pages included: valid HTML for the Nu checker."""

import pytest

from tests.conformance import nu
from tests.conformance.pages import shapes, uncatalogued_patterns

pytestmark = pytest.mark.django_db


def test_every_public_pattern_is_catalogued(seeded_site):
    assert uncatalogued_patterns() == []


def test_every_page_shape_is_valid_html(site_pages, tmp_path):
    assert not nu.missing_tools(), nu.missing_tools()
    _renderer, rendered, unexpected = site_pages
    assert not unexpected, "\n".join(unexpected)
    documents = {f"[{item.page.language}] {item.page.shape} {item.page.method.upper()} {item.page.path}": item.html for item in rendered}
    errors = nu.check(documents, tmp_path)
    print(f"\nNu checker: {len(documents)} pages, {len(shapes(rendered))} page shapes (shape × language), {sum(map(len, errors.values()))} errors")
    report = "\n".join(f"{name}\n  " + "\n  ".join(messages[:8]) for name, messages in sorted(errors.items()))
    assert not errors, f"{len(errors)} of {len(documents)} pages are invalid HTML:\n{report}"


def test_the_demo_shows_images(site_pages):
    """seed_demo draws logos, portraits and covers; the public pages link to files that exist."""
    import re
    from pathlib import Path

    from django.conf import settings

    _renderer, rendered, _unexpected = site_pages
    sources = {
        source
        for item in rendered
        if not item.page.staff
        for source in re.findall(r'<img[^>]+src="(/media/[^"]+)"', item.html)
    }
    assert len(sources) >= 10
    missing = [source for source in sources if not Path(settings.MEDIA_ROOT, source.removeprefix(settings.MEDIA_URL)).is_file()]
    assert missing == []
