"""Site-wide search over partners, programmes, scholars, events and news."""

from django.views.generic import TemplateView


class SearchView(TemplateView):
    template_name = "oia_portal/search.html"
