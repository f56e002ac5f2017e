from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_readonly import ReadOnlyAdmin
from outbox.admin import MessageAdmin
from outbox.models import Message
from privacy import services
from privacy.admin_tools import AccessLoggedAdmin
from privacy.models import AccessLogEntry, PrivacyRequest, RetentionRule, RetentionRun
from privacy.registry import registry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    """Superusers only: the log says what every staff member looked at."""

    list_display = ("at", "username", "action", "content_type", "object_label", "rows", "ip_address")
    list_filter = ("action", "content_type")
    search_fields = ("username", "object_label", "ip_address")
    date_hierarchy = "at"
    list_select_related = ("content_type",)
    fields = ("at", "user", "username", "action", "content_type", "object_id", "object_label", "rows", "path", "ip_address")
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "months", "counted_from", "applied_by_the_portal", "updated_at")
    fields = ("kind_label", "counted_from", "months")
    readonly_fields = ("kind_label", "counted_from")

    def has_add_permission(self, request):
        return False  # one row per kind of data the apps declare, made by migrate

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("kind of data"))
    def kind_label(self, rule):
        return str(rule)

    @admin.display(description=_("counted"))
    def counted_from(self, rule):
        return rule.definition.starts if rule.definition else "—"

    @admin.display(description=_("applied by the retention job"), boolean=True)
    def applied_by_the_portal(self, rule):
        return bool(rule.definition and rule.definition.apply)


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "finished_at", "trigger", "total", "summary")
    list_filter = ("trigger",)
    date_hierarchy = "started_at"
    fields = ("started_at", "finished_at", "trigger", "total", "summary")
    readonly_fields = fields

    @admin.display(description=_("removed"))
    def summary(self, run):
        # In the order the privacy page states the kinds (the JSON column keeps no order).
        return "; ".join(
            f"{kind.label}: {run.removed[kind.code]}" for kind in registry.retention_kinds() if kind.code in run.removed
        ) or "—"


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    list_display = ("subject_label", "content_type", "status", "created_at", "handled_at", "handled_by", "record_link")
    list_filter = ("status", "content_type")
    list_select_related = ("content_type", "handled_by")
    search_fields = ("subject_label",)
    date_hierarchy = "created_at"
    fields = ("subject_label", "content_type", "record_link", "status", "created_at", "handled_at", "handled_by")
    readonly_fields = fields
    actions = ["carry_out"]

    def has_add_permission(self, request):
        return False  # people ask from their private link

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"))
    def record_link(self, privacy_request):
        if privacy_request.status != PrivacyRequest.Status.PENDING:
            return "—"
        model = privacy_request.content_type.model_class()
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[privacy_request.object_id])
        except NoReverseMatch:
            return "—"
        return format_html('<a href="{}">{}</a>', url, _("Open the record"))

    @admin.action(
        description=_("Carry out the selected erasure requests (files and personal fields are deleted)"),
        permissions=["change"],
    )
    def carry_out(self, request, queryset):
        done = sum(services.carry_out(item, by=request.user, http_request=request) for item in queryset.pending())
        self.message_user(
            request,
            ngettext(
                "%(count)d request carried out: the files and personal fields are deleted, the figures kept.",
                "%(count)d requests carried out: the files and personal fields are deleted, the figures kept.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


# The outbox stands below this app and cannot know of the access log: its e-mails, which
# carry people's addresses and private links, are logged from here.
admin.site.unregister(Message)


@admin.register(Message)
class LoggedMessageAdmin(AccessLoggedAdmin, MessageAdmin):
    pass
