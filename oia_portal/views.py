import sys

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.timesince import timeuntil
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from core.fragment_cache import StampedRows, stamps_for
from events.models import Event, NewsArticle
from exchanges.models import CallProgramme, call_moments_passed
from oia_portal.statistics.figures import key_figures

HOME_LIST_LENGTH = 3
HOME_OFFERS_LENGTH = 5
# What the home page's rows show: each is rendered again when one of these changes.
OFFER_ROW_KEY = "pk programme.updated_at programme.partner.updated_at call.closes_at time_left"
ROW_KEY = "pk updated_at"


class HomeView(TemplateView):
    """What the office does, live figures, nearest deadlines, next events, latest news."""

    template_name = "oia_portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = key_figures()
        now = timezone.now()
        # Each list's rows are known by their keys first and read whole only when not kept; the
        # time left is worked out here from the deadline, not in the row. The keys themselves are
        # kept until a table they read changes or the list changes by time alone: a call opens or
        # closes, the first listed event ends, a scheduled article comes out.
        offers = SimpleLazyObject(lambda: CallProgramme.objects.open_soonest_closing(HOME_OFFERS_LENGTH, at=now))
        time_left = {"time_left": lambda row: timeuntil(row["call.closes_at"], now)}
        context.update(
            open_offers=StampedRows(
                offers, stamps_for(OFFER_ROW_KEY, **time_left), kept_as=f"home-offers:{call_moments_passed(now)}"
            ),
            upcoming_events=StampedRows(
                Event.objects.upcoming(now)[:HOME_LIST_LENGTH],
                {**stamps_for(ROW_KEY), "ends_at": "ends_at"},
                kept_as="home-events",
                changes_at=lambda rows: min((row["ends_at"] for row in rows), default=None),
            ),
            latest_news=StampedRows(
                NewsArticle.objects.published(now)[:HOME_LIST_LENGTH],
                stamps_for(ROW_KEY),
                kept_as="home-news",
                changes_at=lambda rows: NewsArticle.objects.next_publication(now),
            ),
            offer_row_key=OFFER_ROW_KEY,
            row_key=ROW_KEY,
        )
        return context


class AboutView(TemplateView):
    """The office's details, all from SiteSettings."""

    template_name = "oia_portal/about.html"


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/programmes/applications/",
        "Disallow: /zh-hant/programmes/applications/",
        # Partners' nomination links, incoming students' pages and letter checks: secret addresses.
        "Disallow: /en/incoming/nominate/",
        "Disallow: /zh-hant/incoming/nominate/",
        "Disallow: /en/incoming/applications/",
        "Disallow: /zh-hant/incoming/applications/",
        "Disallow: /en/incoming/letters/",
        "Disallow: /zh-hant/incoming/letters/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    # The hashed name is looked up per request: at import, collectstatic may not have run yet.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


# The portal's own page for the other errors a visitor can meet, in the page's language.
# (429 answers come from the rate-limited forms themselves, on their own page, and from
# django-axes' lockout page.)
ERRORS = {
    400: (_("Bad request"), _("The page could not understand what your browser sent. Please go back and try again.")),
    403: (_("Access denied"), _("You do not have permission to see this page.")),
    413: (
        _("What you sent is too large"),
        _("The form or files you sent are larger than the portal accepts. Please send smaller files."),
    ),
}


def error_page(request, status):
    title, message = ERRORS[status]
    response = render(request, "oia_portal/error.html", {"status": status, "title": title, "message": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception):
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE (or with too many fields) reaches Django's
    # 400 handler; it is a "too large" answer, and says so.
    return error_page(request, 413 if isinstance(exception, RequestDataTooBig) else 400)


def permission_denied(request, exception):
    return error_page(request, 403)


def csrf_failure(request, reason=""):
    return error_page(request, 403)


def server_error(request):
    """The error page, rendered without the request context: no database work, which may be the fault.

    When the database is what failed (restarting, unreachable), say so with a
    503 and Retry-After, so that browsers, proxies and crawlers come back.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(loader.get_template("500.html").render(), status=500)
    response["Cache-Control"] = "no-store"
    return response
