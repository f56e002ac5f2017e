from modeltranslation.translator import TranslationOptions, register

from exchanges.models import ApplicationCall, ChecklistItem, ExchangeProgram


@register(ExchangeProgram)
class ExchangeProgramTranslation(TranslationOptions):
    fields = ("title", "language_requirement", "costs", "description")


@register(ApplicationCall)
class ApplicationCallTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ChecklistItem)
class ChecklistItemTranslation(TranslationOptions):
    fields = ("title", "instructions")
