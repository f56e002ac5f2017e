"""CSV / Excel import and export of partners and agreements (django-import-export).

Both resources run in one transaction and validate every row with the model's
own rules: one bad row and nothing of the file is saved.
"""

from django.contrib.auth import get_user_model
from django.db import models
from import_export import fields, resources, widgets

from partners.models import Agreement, PartnerUniversity


class BlankTextResource(resources.ModelResource):
    """Empty cells in text columns import as "" (Excel gives None), as the admin form would save them."""

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, (models.TextField, models.CharField)):
            return widgets.CharWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, (models.TextField, models.CharField)):
            kwargs.update({"coerce_to_string": True, "allow_blank": not django_field.null})
        return kwargs


class PartnerResource(BlankTextResource):
    class Meta:
        model = PartnerUniversity
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "name_en",
            "name_zh_hant",
            "country",
            "city_en",
            "city_zh_hant",
            "website",
            "description_en",
            "description_zh_hant",
            "academic_calendar_en",
            "academic_calendar_zh_hant",
            "language_requirements_en",
            "language_requirements_zh_hant",
            "nomination_deadlines",
            "application_deadlines",
            "courses_url",
            "international_office_email",
            "international_office_url",
            "is_published",
        )
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True


class AgreementResource(BlankTextResource):
    partner = fields.Field(
        attribute="partner",
        column_name="partner",
        widget=widgets.ForeignKeyWidget(PartnerUniversity, field="slug"),
    )
    owner = fields.Field(
        attribute="owner",
        column_name="owner",
        widget=widgets.ForeignKeyWidget(get_user_model(), field="username"),
    )

    class Meta:
        model = Agreement
        fields = (
            "id",
            "partner",
            "kind",
            "signed_on",
            "starts_on",
            "ends_on",
            "terminated_on",
            "auto_renews",
            "outbound_seats",
            "inbound_seats",
            "subject_areas",
            "renewal_of",
            "owner",
            "internal_notes",
        )
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def dehydrate_kind(self, agreement):
        return agreement.kind


class AgreementWithoutNotesResource(AgreementResource):
    """The agreements for staff who may view them but not read their internal notes."""

    class Meta(AgreementResource.Meta):
        fields = tuple(name for name in AgreementResource.Meta.fields if name != "internal_notes")
        export_order = fields
