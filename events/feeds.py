"""RSS and Atom feeds of news and events; only what the public may see."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from events.models import Event, NewsArticle

FEED_SIZE = 20


def text_as_html(text):
    """RSS <description> and Atom <summary type="html"> hold HTML, and feed readers render it.

    Staff type plain text: escaped here (and its paragraphs kept), a reader shows exactly
    the characters typed, "R&D <2027>" included, never a live tag.
    """
    return linebreaks(escape(text))


class NewsFeed(Feed):
    title = _("News from the Office of International Affairs")
    description = _("Latest news about exchanges, partners and visiting scholars.")
    link = reverse_lazy("events:news-list")

    def items(self):
        return NewsArticle.objects.published().order_by("-published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return text_as_html(item.summary or item.body[:300])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [item.get_category_display()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class EventFeed(Feed):
    title = _("Upcoming events of the Office of International Affairs")
    description = _("Seminars, info sessions, lectures and cultural events.")
    link = reverse_lazy("events:list")

    def items(self):
        return Event.objects.upcoming()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return text_as_html(item.summary)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed
    subtitle = EventFeed.description
