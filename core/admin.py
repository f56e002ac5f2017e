from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modeltranslation.admin import TabbedTranslationAdmin
from solo.admin import SingletonModelAdmin

from core.models import Department, SiteSettings

# django-solo's message after saving a singleton, which it does not translate into Chinese: our catalogue does.
gettext_noop("{obj} was changed successfully.")


@admin.register(Department)
class DepartmentAdmin(TabbedTranslationAdmin):
    list_display = ("code", "name", "is_active", "position")
    list_editable = ("is_active", "position")
    list_filter = ("is_active",)
    search_fields = ("code", "name_en", "name_zh_hant")

    def get_readonly_fields(self, request, obj=None):
        # Records store the code: once saved it stays.
        return ("code",) if obj is not None else ()


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingletonModelAdmin, TabbedTranslationAdmin):

    fieldsets = (
        (_("Institution"), {"fields": ("institution_name", "short_name", "office_name", "tagline", "logo")}),
        (_("Contact"), {"fields": ("address", "email", "phone", "office_hours")}),
        (_("Times and calendars"), {"fields": ("time_zone_label", "first_day_of_week")}),
        (_("Social media"), {"fields": ("facebook_url", "instagram_url", "youtube_url", "line_url")}),
    )


class ReadOnlyLogMixin:
    """django-axes' login logs are records of the past like the portal's own access log: readable,
    never changed or deleted from the admin (`axes_reset_logs` ages them out)."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LoginLogAdmin(ReadOnlyLogMixin, AccessLogAdmin):
    pass


class LoginFailureLogAdmin(ReadOnlyLogMixin, AccessFailureLogAdmin):
    pass


admin.site.unregister(AccessLog)
admin.site.unregister(AccessFailureLog)
admin.site.register(AccessLog, LoginLogAdmin)
admin.site.register(AccessFailureLog, LoginFailureLogAdmin)
