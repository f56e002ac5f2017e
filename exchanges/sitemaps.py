from django.contrib.sitemaps import Sitemap

from exchanges.models import ExchangeProgram


class ProgrammeSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self):
        return ExchangeProgram.objects.published().order_by("slug")

    def lastmod(self, programme):
        return programme.updated_at
