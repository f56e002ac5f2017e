"""Small helpers the test folders share."""

from django.urls import reverse
from django.utils import translation


def url(name, language="en", **kwargs):
    """The path of a named URL in a language (English unless told)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def forget_kept_parts(*prefixes):
    """Drop the page parts kept drawn ({% kept_part %}), here and in the shared cache, and any
    other shared values whose keys start with `prefixes`: the next request draws them afresh."""
    from django.core.cache import cache

    from core.content_cache import kept_entries

    kept_entries.clear()
    cache.delete_many([key.removeprefix(":1:") for key in cache._cache if key.startswith((":1:part:", *(f":1:{prefix}" for prefix in prefixes)))])
