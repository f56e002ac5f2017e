from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from partners.forms import FilterForm, published_country_codes
from partners.models import Agreement, PartnerUniversity
from partners.world_map import partner_map

RECENT_SCHOLARS = 6


class PartnerListView(ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    paginate_by = 24

    def get_queryset(self):
        self.form = FilterForm(self.request.GET, country_codes=published_country_codes())
        queryset = PartnerUniversity.objects.published().with_active_agreement_count()
        return self.form.filter(queryset).order_by("name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


def published_programmes():
    """Programmes shown on a partner's page, each marked when an application call is open now.

    The exchanges app builds on partners, never the reverse, so its models are
    looked up by name here instead of imported.
    """
    ExchangeProgram = apps.get_model("exchanges", "ExchangeProgram")
    ApplicationCall = apps.get_model("exchanges", "ApplicationCall")
    now = timezone.now()
    open_call = ApplicationCall.objects.filter(programmes=OuterRef("pk"), opens_at__lte=now, closes_at__gt=now)
    return ExchangeProgram.objects.filter(is_published=True).annotate(is_open=Exists(open_call)).order_by("title")


def recent_visits(partner):
    """Inbound visits of published scholars from this partner, latest first."""
    Visit = apps.get_model("scholars", "Visit")
    return (
        Visit.objects.published()
        .inbound()
        .filter(scholar__home_partner=partner)
        .select_related("scholar")
        .order_by("-starts_on")[:RECENT_SCHOLARS]
    )


class PartnerDetailView(DetailView):
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        in_force = Agreement.objects.active().order_by("kind", "starts_on")
        return PartnerUniversity.objects.published().prefetch_related(
            Prefetch("agreements", queryset=in_force, to_attr="agreements_in_force"),
            Prefetch("programmes", queryset=published_programmes(), to_attr="published_programmes"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(recent_visits=recent_visits(self.object), **kwargs)


class PartnerFactSheetView(DetailView):
    """The fact sheet on a page of its own: what a student needs, printable and linkable."""

    template_name = "partners/partner_fact_sheet.html"
    context_object_name = "partner"

    def get_queryset(self):
        return PartnerUniversity.objects.published().prefetch_related(
            Prefetch("programmes", queryset=published_programmes(), to_attr="published_programmes"),
        )


class PartnerMapView(TemplateView):
    template_name = "partners/partner_map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(map=partner_map(), **kwargs)
