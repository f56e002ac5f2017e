from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import country_choices
from scholars.models import Visit


class VisitFilterForm(forms.Form):
    """Filters of the scholars directory; unknown values are ignored, never an error page."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    field = forms.CharField(label=_("Field"), required=False, max_length=100)
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)
    partner = forms.ChoiceField(label=_("Partner university"), required=False)

    def __init__(self, *args, country_codes=(), partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *country_choices(country_codes)]
        self.fields["purpose"].choices = [("", _("All purposes")), *Visit.Purpose.choices]
        self.fields["partner"].choices = [("", _("All partners")), *[(p.slug, p.name) for p in partners]]

    def filter(self, queryset):
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        if data.get("country"):
            queryset = queryset.filter(scholar__country=data["country"])
        if data.get("field"):
            term = data["field"]
            queryset = queryset.filter(Q(scholar__field_en__icontains=term) | Q(scholar__field_zh_hant__icontains=term))
        if data.get("purpose"):
            queryset = queryset.filter(purpose=data["purpose"])
        if data.get("partner"):
            queryset = queryset.filter(Q(scholar__home_partner__slug=data["partner"]) | Q(partner__slug=data["partner"]))
        return queryset
