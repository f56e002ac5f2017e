"""CSV / Excel import and export of partners and agreements (django-import-export).

Both resources run in one transaction and validate every row with the model's
own rules: one bad row and nothing of the file is saved.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
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


class StaffWordsResource(BlankTextResource):
    """A cell that cannot be read becomes an error of its row and column, in staff's words.

    django-import-export reports an exception in a cell (an unknown partner, a
    date like 2025-02-31) as a crash of the row with a traceback, and then shows
    no other row's errors. As a validation error it is listed with every other
    bad row of the file.
    """

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except ObjectDoesNotExist:
            widget = field.widget
            raise ValueError(
                _("No %(thing)s has the %(key)s “%(value)s”.")
                % {
                    "thing": widget.model._meta.verbose_name,
                    "key": widget.model._meta.get_field(widget.field).verbose_name,
                    "value": row.get(field.column_name),
                }
            ) from None
        except (ValueError, TypeError, ArithmeticError, ValidationError):
            raise ValueError(self.unreadable_cell(field, row.get(field.column_name))) from None

    @staticmethod
    def unreadable_cell(field, value):
        if isinstance(field.widget, widgets.DateWidget):
            return _("“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. 2027-01-31.") % {"value": value}
        if isinstance(field.widget, widgets.IntegerWidget):
            return _("“%(value)s” is not a whole number.") % {"value": value}
        if isinstance(field.widget, widgets.BooleanWidget):
            return _("“%(value)s” is not yes or no: write 1 or 0.") % {"value": value}
        return _("“%(value)s” cannot be read.") % {"value": value}


def import_error_lines(result):
    """Every bad row of an import, one line per error: "Row 3, column ends_on: …".

    Rows are counted as a spreadsheet shows the file: the header is row 1.
    """
    lines = [str(error.error) for error in result.base_errors]  # the file as a whole: format, headers
    for row in result.invalid_rows:
        for column, messages in row.error_dict.items():
            for message in messages:
                if column == NON_FIELD_ERRORS:
                    lines.append(_("Row %(row)s: %(message)s") % {"row": row.number + 1, "message": message})
                else:
                    lines.append(
                        _("Row %(row)s, column %(column)s: %(message)s")
                        % {"row": row.number + 1, "column": column, "message": message}
                    )
    for number, errors in result.row_errors():
        for error in errors:
            lines.append(_("Row %(row)s: %(message)s") % {"row": number + 1, "message": error.error})
    return lines


class PartnerResource(StaffWordsResource):
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


class AgreementResource(StaffWordsResource):
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
