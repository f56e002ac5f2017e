from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.sitemaps import EventSitemap, NewsSitemap
from exchanges.sitemaps import ProgrammeSitemap
from partners.sitemaps import PartnerSitemap
from scholars.sitemaps import ScholarSitemap


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
    "partners": PartnerSitemap,
    "programmes": ProgrammeSitemap,
    "scholars": ScholarSitemap,
    "events": EventSitemap,
    "news": NewsSitemap,
}
