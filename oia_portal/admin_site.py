from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    """The admin, titled with the institution's own name from site settings."""

    site_title = _("OIA Portal administration")
    index_title = _("Office of International Affairs")

    def each_context(self, request):
        from oia_portal.models import SiteSettings

        context = super().each_context(request)
        site = SiteSettings.load()
        context["site_header"] = f"{site.institution_name} · {site.office_name}"
        context["site_title"] = f"{site.short_name} {site.office_name}"
        context["index_title"] = _("Portal administration")
        return context


class PortalAdminConfig(AdminConfig):
    default_site = "oia_portal.admin_site.PortalAdminSite"
