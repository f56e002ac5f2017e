from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from exchanges.models import ApplicationCall, CallProgramme, ExchangeProgram, MobilityRecord


@admin.register(ExchangeProgram)
class ExchangeProgramAdmin(TabbedTranslationAdmin):
    list_display = ("title", "partner", "kind", "level", "language", "seats", "is_published")
    list_filter = ("kind", "level", "language", "terms", "is_published")
    list_select_related = ("partner",)
    search_fields = ("title_en", "title_zh_hant", "partner__name_en", "partner__name_zh_hant")
    autocomplete_fields = ("partner", "agreement")
    prepopulated_fields = {"slug": ("title_en",)}


class CallProgrammeInline(admin.TabularInline):
    model = CallProgramme
    extra = 0
    autocomplete_fields = ("programme",)


@admin.register(ApplicationCall)
class ApplicationCallAdmin(TabbedTranslationAdmin):
    list_display = ("title", "opens_at", "closes_at")
    search_fields = ("title_en", "title_zh_hant")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "opens_at"
    inlines = [CallProgrammeInline]


@admin.register(MobilityRecord)
class MobilityRecordAdmin(admin.ModelAdmin):
    list_display = ("student_name", "department", "partner", "programme", "academic_year")
    list_filter = ("academic_year",)
    list_select_related = ("partner", "programme")
    search_fields = ("student_name", "department", "partner__name_en")
    autocomplete_fields = ("partner", "programme")
