import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached fragments and site settings must not leak from one test to the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request leaves its language active in the thread; each test starts in English.
    with translation.override("en"):
        yield
