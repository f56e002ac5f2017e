from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from oia_portal.models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(TabbedTranslationAdmin):
    def has_add_permission(self, request):
        # One row only, created on first use.
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
