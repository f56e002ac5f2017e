"""A partner's page and fact sheet: they read partners, exchanges and scholars, so they live on top.

They keep the `partners:` URL names (oia_portal/urls.py puts them in that namespace).
"""

from django.db.models import Exists, OuterRef
from django.urls import path
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView

from exchanges.models import ApplicationCall, ExchangeProgram, call_moments_passed
from partners.models import PartnerUniversity
from scholars.models import Visit

RECENT_SCHOLARS = 6


def published_programmes(now=None):
    """Programmes shown on a partner's page, each marked when an application call is open now."""
    open_call = ApplicationCall.objects.open(now).filter(programmes=OuterRef("pk"))
    return ExchangeProgram.objects.published().annotate(is_open=Exists(open_call)).order_by("title")


def recent_visits(partner):
    """Inbound visits of published scholars from this partner, latest first."""
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
        return PartnerUniversity.objects.published()

    def get_context_data(self, **kwargs):
        # Read (and even built) by the page's kept parts only when they are drawn: not kept, or gone stale.
        partner, now = self.object, timezone.now()
        today = timezone.localdate(now)
        return super().get_context_data(
            today=today,
            call_moments_passed=call_moments_passed(now),
            published_programmes=SimpleLazyObject(lambda: list(published_programmes(now).filter(partner=partner))),
            agreements_in_force=SimpleLazyObject(
                lambda: list(partner.agreements.active(on=today).order_by("kind", "starts_on"))
            ),
            recent_visits=SimpleLazyObject(lambda: list(recent_visits(partner))),
            **kwargs,
        )


class PartnerFactSheetView(DetailView):
    """The fact sheet on a page of its own: what a student needs, printable and linkable."""

    template_name = "partners/partner_fact_sheet.html"
    context_object_name = "partner"

    def get_queryset(self):
        return PartnerUniversity.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(published_programmes=published_programmes().filter(partner=self.object), **kwargs)


# After partners/urls.py's own patterns ("map/" must win over a slug).
urlpatterns = [
    path("<slug:slug>/", PartnerDetailView.as_view(), name="detail"),
    path("<slug:slug>/fact-sheet/", PartnerFactSheetView.as_view(), name="fact-sheet"),
]
