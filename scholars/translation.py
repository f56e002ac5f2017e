from modeltranslation.translator import TranslationOptions, register

from scholars.models import Scholar, Visit


@register(Scholar)
class ScholarTranslation(TranslationOptions):
    fields = ("name", "field", "bio")


@register(Visit)
class VisitTranslation(TranslationOptions):
    fields = ("host_department", "summary")
