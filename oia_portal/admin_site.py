from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
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


    def get_urls(self):
        # Django's "view on site" redirect answers any staff user with the object's public
        # address, unpublished ones included: here it needs the view permission on the model.
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        view_on_site = path(
            "r/<int:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site"
        )
        return [view_on_site, *urls]

    def view_on_site(self, request, content_type_id, object_id):
        # Imported here: this module is loaded while the app registry is being set up.
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise PermissionDenied
        return shortcut(request, content_type_id, object_id)


class PortalAdminConfig(AdminConfig):
    default_site = "oia_portal.admin_site.PortalAdminSite"
