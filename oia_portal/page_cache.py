"""Whole-page cache for anonymous visitors, invalidated whenever content changes.

Public pages are read far more than they change, and spike on application
deadlines. A page is cached only if it is safe to give to anyone: a GET for a
language-prefixed public URL (or the JSON under /api/), from a visitor with no session, answered 200
without setting a cookie, without a CSRF form, and not marked private. Every
save or delete of portal content bumps one version number that is part of each
key, so nothing stale outlives an edit; time alone (a scheduled article's
moment) is covered by the short timeout.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control

VERSION_KEY = "page-cache:version"
CONTENT_APPS = {"oia_portal", "partners", "exchanges", "scholars", "events", "incoming"}
# Public documents outside the language prefixes: the read-only JSON for partners' systems.
UNPREFIXED_PUBLIC = ("/api/",)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted): start a fresh one
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def _bump_for_content(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_bump_for_content, dispatch_uid=f"page_cache:{id(signal)}")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 60)
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES) + UNPREFIXED_PUBLIC

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        key = self._key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            patch_cache_control(response, public=True, max_age=self.timeout)
            cache.set(key, response, self.timeout)
        return response

    def _request_is_cacheable(self, request):
        return (
            self.timeout > 0
            and request.method in ("GET", "HEAD")
            and request.path.startswith(self.prefixes)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            # A flash message waiting in its cookie belongs to this visitor's page only.
            and "messages" not in request.COOKIES
        )

    @staticmethod
    def _response_is_cacheable(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )

    def _key(self, request):
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        return f"page-cache:{content_version()}:{request.method}:{address}"
