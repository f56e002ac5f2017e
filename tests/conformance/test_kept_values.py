"""What the pages keep in the shared cache is plain data, never a lazy translation.

A lazy translation (gettext_lazy) kept in the cache is rebuilt on every read, and
reading the statistics page's kept charts that way cost more than the rest of the
page. Every public page of the seeded site and every admin page is read in both languages with an empty
cache, and every value it kept is searched for one.
"""

import pickle

import pytest
from django.core.cache import cache
from django.utils.functional import Promise

from tests.conformance.pages import LANGUAGES, Renderer, admin_pages, base_pages

pytestmark = pytest.mark.django_db


def lazy_parts(value, where, found, depth=0):
    if isinstance(value, Promise):
        found.append(where)
    elif depth > 12:
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            lazy_parts(key, f"{where} key {key!r}", found, depth + 1)
            lazy_parts(item, f"{where}[{key!r}]", found, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            lazy_parts(item, f"{where}[{index}]", found, depth + 1)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        for name, item in vars(value).items():
            lazy_parts(item, f"{where}.{name}", found, depth + 1)


def test_no_page_keeps_a_lazy_translation_in_the_cache(seeded_site, django_db_blocker):
    renderer = Renderer(seeded_site)
    found = []
    with django_db_blocker.unblock():
        for language in LANGUAGES:
            for page in base_pages(language) + admin_pages(language, seeded_site):
                if page.method != "get":
                    continue
                cache.clear()
                renderer.response(page)
                for key, stored in list(cache._cache.items()):
                    lazy_parts(pickle.loads(stored), f"{page.path}: {key}", found)  # noqa: S301 - our own cache
    assert not found, "\n".join(sorted(set(found))[:20])
