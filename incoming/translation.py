from modeltranslation.translator import TranslationOptions, register

from incoming.models import FactSheet


@register(FactSheet)
class FactSheetTranslation(TranslationOptions):
    fields = (
        "head_of_office",
        "head_of_office_title",
        "language_requirements",
        "housing_info",
        "visa_info",
        "insurance_info",
        "academic_calendar",
    )
