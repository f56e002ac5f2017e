"""Admin widgets that render valid HTML."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models.fields import BLANK_CHOICE_DASH

BLANK_LABEL = BLANK_CHOICE_DASH[0][1]


class BlankOptionAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete <select> with the blank option HTML asks for.

    Django renders an optional field's blank choice as an empty <option>, which HTML
    forbids, and a required field with no blank choice at all, which HTML forbids
    for a required single <select>. Select2 still shows its own placeholder.
    """

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        if self.allow_multiple_selected:
            return groups
        options = groups[0][1]
        if options and options[0]["value"] == "":
            options[0]["label"] = BLANK_LABEL
        else:
            options.insert(0, self.create_option(name, "", BLANK_LABEL, not options, 0))
        return groups


class BlankOptionAutocompleteMixin:
    """For ModelAdmins and inlines with autocomplete foreign keys."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BlankOptionAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
