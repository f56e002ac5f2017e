from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from core import content_cache
from core.fragment_cache import StampedRows, stamps_for
from core.models import SEARCH_COLUMNS
from core.pagination import NearestPageMixin, StampedListMixin
from partners.models import PartnerUniversity
from scholars.forms import VisitFilterForm
from scholars.models import Scholar, Visit


def _visits():
    return Visit.objects.published().select_related("scholar", "scholar__home_partner", "partner")


def _listed_visits():
    """Visits as the directory's rows show them: the scholar and their home university, without
    the stored search columns (most of those rows' bytes); the host partner is not shown."""
    return (
        Visit.objects.published()
        .select_related("scholar", "scholar__home_partner")
        .defer(*(f"{via}__{column}" for via in ("scholar", "scholar__home_partner") for column in SEARCH_COLUMNS))
    )


SHOWN_PER_SECTION = 12


def filter_choices():
    """Countries and partners that visiting scholars came from (the filter's choices)."""
    inbound = Visit.objects.published().inbound()
    country_codes = inbound.exclude(scholar__country="").order_by().values_list("scholar__country", flat=True).distinct()
    partners = PartnerUniversity.objects.published().filter(scholars__visits__in=inbound).distinct()
    return list(country_codes), list(partners.order_by("name").only("pk", "slug", "name_en", "name_zh_hant", "name"))


class ScholarListView(NearestPageMixin, StampedListMixin, ListView):
    """The directory of inbound visiting scholars: now visiting, coming soon, past (paginated)."""

    template_name = "scholars/scholar_list.html"
    context_object_name = "past_visits"
    paginate_by = 20
    # What a visit row shows (the host department in either language: one falls back to the other).
    row_key = "pk purpose host_department_en host_department_zh_hant starts_on ends_on scholar.updated_at scholar.home_partner.updated_at"

    def get_filter_form(self):
        country_codes, partners = content_cache.cached("scholar-filter-choices", filter_choices)
        return VisitFilterForm(self.request.GET, country_codes=country_codes, partners=partners)

    def get_queryset(self):
        self.filter_form = self.get_filter_form()
        self.visits = self.filter_form.filter(_listed_visits().inbound())
        return self.visits.past().order_by("-ends_on", "pk")

    def get_context_data(self, **kwargs):
        # "Now" and "coming" are not paginated: the first few of each, and a word when there are
        # more, so the page stays the same size whatever the data (and is not read on later pages).
        stamps = stamps_for(self.row_key)
        return super().get_context_data(
            filter_form=self.filter_form,
            current_visits=StampedRows(self.visits.current().order_by("ends_on", "pk"), stamps, limit=SHOWN_PER_SECTION),
            upcoming_visits=StampedRows(self.visits.upcoming().order_by("starts_on", "pk"), stamps, limit=SHOWN_PER_SECTION),
            **kwargs,
        )


class TeacherExchangeView(NearestPageMixin, ListView):
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
            )
        )

    def get_object(self, queryset=None):
        scholar = super().get_object(queryset)
        # Through the relation the events app declares: scholars never imports events.
        scholar.published_events = list(scholar.events.published().order_by("-starts_at"))
        return scholar
