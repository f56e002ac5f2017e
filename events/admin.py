from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from events.models import Event, NewsArticle


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ("title", "kind", "starts_at", "ends_at", "registration_open", "capacity", "is_published")
    list_filter = ("kind", "is_published", "registration_open")
    search_fields = ("title_en", "title_zh_hant", "venue_en")
    autocomplete_fields = ("speakers", "partners")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "starts_at"


@admin.register(NewsArticle)
class NewsArticleAdmin(TabbedTranslationAdmin):
    list_display = ("title", "category", "published_at", "is_published", "is_visible")
    list_filter = ("category", "is_published")
    search_fields = ("title_en", "title_zh_hant", "summary_en", "body_en")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "published_at"
