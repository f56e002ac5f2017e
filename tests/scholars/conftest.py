import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_urls():
    # Requests activate their page's language in this thread; reset so that
    # get_absolute_url() in a test always gives the English address.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Query counts measure rendering; a whole-page cache would hide them.
    settings.PAGE_CACHE_SECONDS = 0
