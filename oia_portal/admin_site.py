from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _


class PortalAutocompleteView(AutocompleteJsonView):
    """Django answers an autocomplete only to those who may view the *target* model. A field that
    names a staff member (an agreement's owner) is filled by people who may not read the user
    admin: they get the active staff's names, on a form they may change, and nothing else."""

    def has_perm(self, request, obj=None):
        return super().has_perm(request, obj) or self.picks_staff_on_own_form(request)

    def picks_staff_on_own_form(self, request):
        source_admin = self.admin_site._registry.get(self.source_field.model)
        return (
            self.source_field.remote_field.model is get_user_model()
            and source_admin is not None
            and (source_admin.has_change_permission(request) or source_admin.has_add_permission(request))
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.source_field.remote_field.model is get_user_model():
            queryset = queryset.filter(is_staff=True, is_active=True)  # only staff own or keep anything
        return queryset


class PortalAdminSite(admin.AdminSite):
    """The admin, titled with the institution's own name from site settings."""

    site_title = _("OIA Portal administration")
    index_title = _("Office of International Affairs")

    def each_context(self, request):
        from core.models import SiteSettings

        context = super().each_context(request)
        site = SiteSettings.get_solo()
        context["site_header"] = f"{site.institution_name} · {site.office_name}"
        context["site_title"] = f"{site.short_name} {site.office_name}"
        context["index_title"] = _("Portal administration")
        return context

    def get_app_list(self, request, app_label=None):
        # The index and the navigation sidebar (each_context) both ask for the whole list, which
        # checks every model's permissions and reverses its URLs: built once per request.
        if app_label is not None:
            return super().get_app_list(request, app_label)
        if not hasattr(request, "_portal_app_list"):
            request._portal_app_list = super().get_app_list(request)
        return request._portal_app_list

    def get_urls(self):
        # Django's "view on site" redirect answers any staff user with the object's public
        # address, unpublished ones included: here it needs the view permission on the model.
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        view_on_site = path(
            "r/<int:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site"
        )
        return [view_on_site, *urls]

    def autocomplete_view(self, request):
        return PortalAutocompleteView.as_view(admin_site=self)(request)

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
