from modeltranslation.translator import TranslationOptions, register

from partners.models import PartnerUniversity


@register(PartnerUniversity)
class PartnerUniversityTranslation(TranslationOptions):
    fields = ("name", "city", "description", "academic_calendar", "language_requirements")


# The history table keeps both languages of each translated field.
@register(PartnerUniversity.history.model)
class HistoricalPartnerUniversityTranslation(TranslationOptions):
    fields = PartnerUniversityTranslation.fields
