from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core.page_cache import cache_page_until_content_changes
from oia_portal import partner_pages, views
from oia_portal.search import SearchView
from oia_portal.sitemaps import SITEMAPS
from partners import urls as partner_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots"),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin).
    path("favicon.ico", views.favicon),
    # Read-only JSON for partners' systems: stable, unprefixed addresses.
    path("api/v1/", include("incoming.api_urls")),
    path(
        "sitemap.xml",
        cache_page_until_content_changes(600)(sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("search/", SearchView.as_view(), name="search"),
    path("partners/", include((partner_urls.urlpatterns + partner_pages.urlpatterns, "partners"))),
    path("programmes/", include("exchanges.urls")),
    path("scholars/", include("scholars.urls")),
    path("incoming/", include("incoming.urls")),
    path("abroad/", include("abroad.urls")),
    path("", include("events.urls")),
    # The statistics pages (partners helper) plug in here.
    path("statistics/", include("oia_portal.statistics.urls")),
    path("privacy/", include("privacy.urls")),
)

if settings.DEBUG or settings.SERVE_MEDIA:
    # Public uploads only (logos, portraits, covers); private documents live
    # elsewhere and have no URL. Larger sites let the web server do this.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler400 = "oia_portal.views.bad_request"
handler403 = "oia_portal.views.permission_denied"
handler404 = "oia_portal.views.page_not_found"
handler500 = "oia_portal.views.server_error"
