from modeltranslation.translator import TranslationOptions, register

from partners.models import PartnerUniversity


@register(PartnerUniversity)
class PartnerUniversityTranslation(TranslationOptions):
    fields = ("name", "city", "description", "academic_calendar", "language_requirements")
