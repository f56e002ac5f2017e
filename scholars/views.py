from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from events.models import Event
from partners.models import PartnerUniversity
from scholars.forms import VisitFilterForm
from scholars.models import Scholar, Visit


def _visits():
    return Visit.objects.published().select_related("scholar", "scholar__home_partner", "partner")


class ScholarListView(ListView):
    """The directory of inbound visiting scholars: now visiting, coming soon, past (paginated)."""

    template_name = "scholars/scholar_list.html"
    context_object_name = "past_visits"
    paginate_by = 20

    def get_filter_form(self):
        inbound = Visit.objects.published().inbound()
        country_codes = inbound.exclude(scholar__country="").order_by().values_list("scholar__country", flat=True).distinct()
        partners = PartnerUniversity.objects.filter(is_published=True, scholars__visits__in=inbound).distinct()
        return VisitFilterForm(self.request.GET, country_codes=list(country_codes), partners=partners.order_by("name"))

    def get_queryset(self):
        self.filter_form = self.get_filter_form()
        self.visits = self.filter_form.filter(_visits().inbound())
        return self.visits.past().order_by("-ends_on", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form,
            current_visits=self.visits.current().order_by("ends_on", "pk"),
            upcoming_visits=self.visits.upcoming().order_by("starts_on", "pk"),
            **kwargs,
        )


class TeacherExchangeView(ListView):
    """Outbound teacher exchange: our faculty at partner universities."""

    template_name = "scholars/teacher_exchange.html"
    context_object_name = "visits"
    paginate_by = 20

    def get_queryset(self):
        return _visits().outbound().order_by("-starts_on", "pk")


class ScholarDetailView(DetailView):
    template_name = "scholars/scholar_detail.html"
    context_object_name = "scholar"

    def get_queryset(self):
        return (
            Scholar.objects.published()
            .select_related("home_partner")
            .prefetch_related(
                Prefetch("visits", queryset=Visit.objects.select_related("partner").order_by("-starts_on")),
                Prefetch("events", queryset=Event.objects.published().order_by("-starts_at"), to_attr="published_events"),
            )
        )
