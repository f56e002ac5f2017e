from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from events.models import Event, NewsArticle
from exchanges.models import CallProgramme
from oia_portal.stats import key_figures


class HomeView(TemplateView):
    template_name = "oia_portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = key_figures()
        context["open_offers"] = CallProgramme.objects.open_soonest_closing()[:6]
        context["upcoming_events"] = Event.objects.upcoming()[:3]
        context["latest_news"] = NewsArticle.objects.published()[:3]
        return context


class AboutView(TemplateView):
    template_name = "oia_portal/about.html"


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/programmes/applications/",
        "Disallow: /zh-hant/programmes/applications/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request context: no database work, which may be the fault.
    return HttpResponseServerError(loader.get_template("500.html").render())
