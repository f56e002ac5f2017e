from modeltranslation.translator import TranslationOptions, register

from core.models import Department, SiteSettings


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("institution_name", "office_name", "tagline", "address", "office_hours", "time_zone_label")


@register(Department)
class DepartmentTranslation(TranslationOptions):
    fields = ("name",)
