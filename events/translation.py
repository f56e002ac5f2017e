from modeltranslation.translator import TranslationOptions, register

from events.models import Event, NewsArticle


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "venue", "cover_alt")


@register(NewsArticle)
class NewsArticleTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "cover_alt")
