from django.contrib.sitemaps import Sitemap

from events.models import Event, NewsArticle


class EventSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("slug")

    def lastmod(self, event):
        return event.updated_at


class NewsSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "never"

    def items(self):
        # Scheduled articles stay out until their time, like everywhere else.
        return NewsArticle.objects.published().order_by("slug")

    def lastmod(self, article):
        return article.updated_at
