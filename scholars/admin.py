from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin_changelist import ChoicesInUseFilter
from core.admin_widgets import BlankOptionAutocompleteMixin
from scholars.models import Scholar, Visit


class VisitInline(BlankOptionAutocompleteMixin, TranslationTabularInline):
    model = Visit
    extra = 0
    fields = ("direction", "purpose", "host_department", "partner", "starts_on", "ends_on")
    autocomplete_fields = ("partner",)


@admin.register(Scholar)
class ScholarAdmin(BlankOptionAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ("name", "honorific", "home_partner", "country", "field", "is_published")
    list_filter = ("is_published", "honorific", ("country", ChoicesInUseFilter))
    list_select_related = ("home_partner",)
    search_fields = ("name_en", "name_zh_hant", "home_institution", "field_en", "field_zh_hant")
    autocomplete_fields = ("home_partner",)
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [VisitInline]


@admin.register(Visit)
class VisitAdmin(BlankOptionAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ("scholar", "direction", "purpose", "host_department", "starts_on", "ends_on")
    list_filter = ("direction", "purpose")
    list_select_related = ("scholar",)
    search_fields = ("scholar__name_en", "scholar__name_zh_hant", "host_department_en")
    autocomplete_fields = ("scholar", "partner")
    date_hierarchy = "starts_on"
