"""Published experience reports as RSS and Atom."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from abroad.models import ExperienceReport

FEED_SIZE = 20
SUMMARY_CHARS = 400


class ReportFeed(Feed):
    title = _("Experience reports of students back from abroad")
    description = _("What our exchange students tell about their partner universities.")
    link = reverse_lazy("abroad:reports")

    def items(self):
        return ExperienceReport.objects.published().select_related("partner").order_by("-published_at")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} — {item.partner.name}"

    def item_description(self, item):
        text = item.body if len(item.body) <= SUMMARY_CHARS else item.body[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
        # Plain text as the HTML feed readers render: escaped, paragraphs kept.
        return linebreaks(escape(text))

    def item_author_name(self, item):
        return item.byline

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)


class ReportAtomFeed(ReportFeed):
    feed_type = Atom1Feed
    subtitle = ReportFeed.description
