from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import content_cache
from core.forms import country_choices
from partners.models import Agreement, PartnerUniversity
from partners.regions import Region


class FilterForm(forms.Form):
    """The public partner list's filters; they travel in the URL (GET)."""

    q = forms.CharField(label=_("Search by name or city"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Agreement in force"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *Region.choices]
        self.fields["country"].choices = [("", _("All countries")), *country_choices(country_codes)]
        self.fields["kind"].choices = [("", _("Any kind")), *Agreement.Kind.choices]

    def filter(self, queryset):
        """Apply the valid filters; an invalid value (e.g. an unknown country) is left out, not an error page."""
        if not self.is_bound:
            return queryset
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            text = data["q"].strip()
            queryset = queryset.filter(
                Q(name_en__icontains=text)
                | Q(name_zh_hant__icontains=text)
                | Q(city_en__icontains=text)
                | Q(city_zh_hant__icontains=text)
            )
        if data.get("region"):
            queryset = queryset.in_region(data["region"])
        if data.get("country"):
            queryset = queryset.filter(country=data["country"])
        if data.get("kind"):
            queryset = queryset.filter(pk__in=Agreement.objects.active().filter(kind=data["kind"]).values("partner_id"))
        return queryset

    @property
    def is_filtering(self):
        return any(self.cleaned_data.get(name) for name in self.fields) if hasattr(self, "cleaned_data") else False


def published_country_codes():
    """Countries that have a published partner: the country filter's choices (one query)."""
    return content_cache.cached(
        "partner-country-codes",
        lambda: list(PartnerUniversity.objects.published().order_by().values_list("country", flat=True).distinct()),
    )
