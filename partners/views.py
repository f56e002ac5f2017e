from django.views.generic import ListView, TemplateView

from core import content_cache
from core.pagination import NearestPageMixin, StampedListMixin
from partners.forms import FilterForm, published_country_codes
from partners.models import PartnerUniversity
from partners.world_map import kept_partner_map


class PartnerListView(NearestPageMixin, StampedListMixin, ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    paginate_by = 24
    row_key = "pk updated_at active_agreement_count"

    def get_queryset(self):
        self.form = FilterForm(self.request.GET, country_codes=published_country_codes())
        queryset = PartnerUniversity.objects.published().with_active_agreement_count()
        return self.form.filter(queryset).order_by("name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class PartnerMapView(TemplateView):
    template_name = "partners/partner_map.html"

    def get_context_data(self, **kwargs):
        # Counting 15,000 partners by country was the page's one query (2 ms at ×100): kept until partners change.
        counts = content_cache.cached("partner-counts-by-country", PartnerUniversity.objects.published().count_by_country)
        return super().get_context_data(kept_map=kept_partner_map(counts), **kwargs)
