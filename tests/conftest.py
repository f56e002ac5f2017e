import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached fragments and site settings must not leak from one test to the next.
    cache.clear()
    yield
    cache.clear()
