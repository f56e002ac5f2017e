
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin_changelist import QuickRowsMixin
from core.admin_widgets import BlankOptionAutocompleteMixin
from core.spreadsheets import dataset, export_actions
from events import services
from events.forms import EmailRegistrantsForm, RegistrationAdminForm
from events.models import Event, NewsArticle, Registration
from privacy.admin_tools import AccessLoggedAdmin, logged_export


class RegistrationInline(admin.TabularInline):
    """Who registered. Status changes go through the registrations' cancel
    action and the capacity, so that the waiting list always moves up."""

    model = Registration
    form = RegistrationAdminForm
    extra = 0
    fields = ("name", "email", "affiliation", "status", "language", "created_at")
    readonly_fields = ("status", "created_at")
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # Added here, a registration would skip the seat count; the Registrations page applies it.
        return False


ATTENDEE_COLUMNS = [
    _("Event"), pgettext_lazy("person", "name"), _("E-mail"), _("Affiliation"), _("Status"), _("Language"), _("Registered at"),
]


def attendees_dataset(registrations):
    rows = (
        [
            registration.event.title,
            registration.name,
            registration.email,
            registration.affiliation,
            registration.get_status_display(),
            registration.language,
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for registration in registrations
    )
    return dataset(ATTENDEE_COLUMNS, rows, title="registrations")


def export_event_attendees(modeladmin, request, queryset):
    registrations = (
        Registration.objects.filter(event__in=queryset).active().select_related("event").order_by("event", "created_at")
    )
    return attendees_dataset(registrations), "attendees"


def export_selected_registrations(modeladmin, request, queryset):
    return attendees_dataset(queryset.select_related("event").order_by("event", "created_at")), "registrations"


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = (
        "title", "kind", "starts_at", "registration_open", "capacity", "confirmed", "waitlisted", "is_published",
    )
    list_filter = ("kind", "is_published", "registration_open")
    search_fields = ("title_en", "title_zh_hant", "venue_en")
    autocomplete_fields = ("speakers", "partners")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]
    actions = [*export_actions(
            "export_attendees",
            _("Export attendees"),
            export_event_attendees,
            logged=logged_export(records=lambda events: Registration.objects.filter(event__in=events).active()),
        ), "email_registrants"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_registration_counts()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = services.fill_free_seats(obj)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d person moved up from the waiting list and was told by e-mail.",
                        "%(count)d people moved up from the waiting list and were told by e-mail.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                    messages.SUCCESS,
                )

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, event):
        return event.confirmed_count

    @admin.display(description=_("waiting list"), ordering="waitlisted_count")
    def waitlisted(self, event):
        return event.waitlisted_count


    @admin.action(description=_("E-mail the registrants"), permissions=["change"])
    def email_registrants(self, request, queryset):
        if "send" in request.POST:
            form = EmailRegistrantsForm(request.POST)
            if form.is_valid():
                statuses = [Registration.Status.CONFIRMED]
                if form.cleaned_data["include_waitlisted"]:
                    statuses.append(Registration.Status.WAITLISTED)
                # Returns at once: a worker writes and sends the messages; staff follow the progress.
                batch = services.email_registrants(
                    queryset, form.cleaned_data["subject"], form.cleaned_data["message"], statuses, by=request.user
                )
                self.message_user(
                    request,
                    format_html(
                        '{} <a href="{}">{}</a>',
                        _("The message is on its way to the registrants, one e-mail each."),
                        reverse("admin:outbox_batch_change", args=[batch.pk]),
                        _("Follow its progress."),
                    ),
                    messages.SUCCESS,
                )
                return None
        else:
            form = EmailRegistrantsForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("E-mail the registrants"),
            "form": form,
            "events": queryset.with_registration_counts(),
            "queryset": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/events/event/email_registrants.html", context)


@admin.register(Registration)
class RegistrationAdmin(QuickRowsMixin, BlankOptionAutocompleteMixin, AccessLoggedAdmin):
    list_display = ("name", "email", "affiliation", "event", "status", "language", "created_at")
    list_filter = ("status", "language", ("event", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("event",)
    search_fields = ("name", "email", "affiliation", "event__title_en", "event__title_zh_hant")
    autocomplete_fields = ("event",)
    form = RegistrationAdminForm
    readonly_fields = ("status", "created_at", "cancelled_at")
    date_hierarchy = "created_at"
    actions = [
        *export_actions(
            "export_csv", _("Export selected registrations"), export_selected_registrations, logged=logged_export()
        ),
        "cancel_registrations",
    ]

    def get_exclude(self, request, obj=None):
        # A new registration's status comes from the seats left, not from a choice.
        return ("status", "cancel_token", "cancelled_at") if obj is None else ("cancel_token",)

    def get_readonly_fields(self, request, obj=None):
        return ("created_at",) if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            services.register_by_staff(obj)

    @admin.action(description=_("Cancel selected registrations (the waiting list moves up)"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        # Through the service, so freed seats go to the waiting list like a visitor's own cancellation.
        promoted = [services.cancel(registration) for registration in queryset.active()]
        self.message_user(
            request,
            _("%(cancelled)d cancelled, %(promoted)d promoted from the waiting list.")
            % {"cancelled": len(promoted), "promoted": len([p for p in promoted if p])},
            messages.SUCCESS,
        )



@admin.register(NewsArticle)
class NewsArticleAdmin(TabbedTranslationAdmin):
    list_display = ("title", "category", "published_at", "is_published", "is_visible", "preview_link")
    list_filter = ("category", "is_published")
    search_fields = ("title_en", "title_zh_hant", "summary_en", "body_en")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "published_at"
    readonly_fields = ("preview_link",)

    @admin.display(description=_("preview"))
    def preview_link(self, article):
        if not article.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("events:news-preview", kwargs={"pk": article.pk}),
            _("Preview"),
        )
