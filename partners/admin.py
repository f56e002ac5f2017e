from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from partners.models import Agreement, PartnerUniversity


class AgreementInline(admin.TabularInline):
    model = Agreement
    fk_name = "partner"
    extra = 0
    fields = ("kind", "signed_on", "starts_on", "ends_on", "terminated_on", "outbound_seats", "inbound_seats", "owner")
    show_change_link = True


@admin.register(PartnerUniversity)
class PartnerUniversityAdmin(TabbedTranslationAdmin):
    list_display = ("name", "country", "city", "is_published", "updated_at")
    list_filter = ("is_published", "country")
    search_fields = ("name_en", "name_zh_hant", "city_en", "city_zh_hant", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [AgreementInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "country", "city", "website", "logo", "description", "is_published")}),
        (_("Map position"), {"fields": ("latitude", "longitude")}),
        (
            _("Fact sheet"),
            {
                "fields": (
                    "academic_calendar",
                    "language_requirements",
                    "nomination_deadlines",
                    "application_deadlines",
                    "courses_url",
                    "international_office_email",
                    "international_office_url",
                )
            },
        ),
    )


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("partner", "kind", "starts_on", "ends_on", "outbound_seats", "inbound_seats", "owner")
    list_filter = ("kind", "auto_renews")
    list_select_related = ("partner", "owner")
    search_fields = ("partner__name_en", "partner__name_zh_hant", "subject_areas")
    autocomplete_fields = ("partner", "renewal_of", "owner")
    date_hierarchy = "ends_on"
