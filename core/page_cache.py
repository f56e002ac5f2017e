"""Whole-page cache for anonymous visitors, invalidated when what a page read changes.

Public pages are read far more than they change, and spike on application
deadlines. A page is cached only if it is safe to give to anyone: a GET for a
language-prefixed public URL, from a visitor with no session, answered 200
without setting a cookie, without a CSRF form, and not marked private. The copy
is kept with the versions of the tables the page read (core/content_cache.py):
saving a news article makes the news pages render again, not the partner pages.
Time alone (a scheduled article's moment) is covered by the short timeout.
"""

# Kept rather than Django's cache_page: that one expires by time only, this one drops a page the
# moment a table it read changes, so staff see their edit at once and pages stay cached for long.
import hashlib
from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control

from core import content_cache


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 60)
        # Language-prefixed pages, and the read-only JSON for partners' systems under /api/.
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES) + ("/api/",)

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        key = self._key(request)
        response = content_cache.fetch(key)
        if response is not None:
            return response
        with content_cache.recording() as tables:
            response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            patch_cache_control(response, public=True, max_age=self.timeout)
            content_cache.store(key, response, tables, self.timeout)
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
        return f"page-cache:{request.method}:{address}"


def cache_page_until_content_changes(timeout):
    """A view's answer cached like a public page: kept with the versions of the tables it
    read, so that a save or delete there (an article unpublished) drops it at once."""

    def decorator(view):
        @wraps(view)
        def cached(request, *args, **kwargs):
            key = f"view-cache:{view.__module__}.{view.__name__}:{hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()}"
            response = content_cache.fetch(key)
            if response is not None:
                return response
            with content_cache.recording() as tables:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()  # a TemplateResponse may still query while rendering
            if response.status_code == 200:
                content_cache.store(key, response, tables, timeout)
            return response

        return cached

    return decorator
