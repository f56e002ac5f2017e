from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.sitemaps import PublishedSitemap
from events.models import Event, NewsArticle
from exchanges.models import ExchangeProgram
from partners.models import PartnerUniversity
from scholars.models import Scholar


class StaticPageSitemap(Sitemap):
    """Pages that exist once, in both languages."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "about",
            "partners:list",
            "partners:map",
            "statistics:index",
            "exchanges:list",
            "scholars:list",
            "scholars:teacher-exchange",
            "events:list",
            "events:past",
            "events:calendar-current",
            "events:news-list",
            "incoming:factsheet",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "partners": PublishedSitemap(PartnerUniversity, "monthly"),
    "programmes": PublishedSitemap(ExchangeProgram, "weekly"),
    "scholars": PublishedSitemap(Scholar, "monthly"),
    "events": PublishedSitemap(Event, "weekly"),
    "news": PublishedSitemap(NewsArticle, "never"),
}
