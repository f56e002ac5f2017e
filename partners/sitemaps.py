from django.contrib.sitemaps import Sitemap

from partners.models import PartnerUniversity


class PartnerSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self):
        return PartnerUniversity.objects.published().order_by("slug")

    def lastmod(self, partner):
        return partner.updated_at
