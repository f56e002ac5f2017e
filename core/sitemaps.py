from django.contrib.sitemaps import Sitemap


class PublishedSitemap(Sitemap):
    """The published objects of one Publishable model, in both languages; lastmod is their last save."""

    i18n = True
    alternates = True

    def __init__(self, model, changefreq):
        self.model = model
        self.changefreq = changefreq

    def items(self):
        # NewsArticle's published() leaves scheduled articles out until their time, like everywhere else.
        return self.model.objects.published().order_by("slug")

    def lastmod(self, obj):
        return obj.updated_at
