from django.contrib.sitemaps import Sitemap

from scholars.models import Scholar


class ScholarSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self):
        return Scholar.objects.published().order_by("slug")

    def lastmod(self, scholar):
        return scholar.updated_at
