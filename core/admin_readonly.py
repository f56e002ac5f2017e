"""Admin pages for records the portal writes itself (logs, sent mail, documents, status history):
staff look and act, they never add, change or delete them there."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DocumentInline(ReadOnlyInline):
    """An application's uploaded files, each with its download link (the download view checks the permission)."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application")

    @admin.display(description=_("file"))
    def download(self, document):
        return format_html('<a href="{}">{}</a>', document.get_download_url(), _("Download"))


class StatusHistoryInline(ReadOnlyInline):
    """An application's status changes: when, from what to what, by whom, with the note."""

    fields = ("changed_at", "from_status", "to_status", "changed_by", "note")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application", "changed_by")
