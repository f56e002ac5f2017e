"""Scheduled jobs that read across the apps (run by the queue's scheduler, see jobs/queue.py)."""

import datetime

from core import page_cache
from events.models import NewsArticle
from jobs.queue import job, scheduled
from oia_portal.search.documents import refresh_all_vectors

NEWS_CHECK_MINUTES = 5


@scheduled(f"*/{NEWS_CHECK_MINUTES} * * * *", name="oia_portal.news_going_live")
def news_going_live(timestamp):
    """An article scheduled for a moment goes live on every cached public page at that moment.

    Saving content already refreshes the page cache; time passing does not, so
    this looks for articles whose publication moment fell in the last interval.
    Running twice only refreshes the cache twice.
    """
    until = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    since = until - datetime.timedelta(minutes=NEWS_CHECK_MINUTES)
    if NewsArticle.objects.published(at=until).filter(published_at__gt=since).exists():
        page_cache.bump_content_version()


@job(name="oia_portal.refresh_search_vectors")
def refresh_search_vectors(missing_only=False):
    """After a bulk import that bypassed save(): store the search words outside the request."""
    refresh_all_vectors(missing_only=missing_only)


@scheduled("30 18 * * *", name="oia_portal.search_vectors_nightly")
def search_vectors_nightly(timestamp):
    # Rows written without save() (a SQL import, a restored dump) get their words by the next morning.
    refresh_all_vectors(missing_only=True)
