from django.http import HttpResponse
from django.template import engines
from django.urls import path

from oia_portal.urls import handler404, handler500  # noqa: F401
from oia_portal.urls import urlpatterns as portal_urlpatterns

_TINY = engines["django"].from_string("<!DOCTYPE html><title>bare</title><p>Hello {{ name }}</p>")


def bare(request):
    """A tiny template through the whole middleware stack: the ceiling pages are compared with."""
    return HttpResponse(_TINY.render({"name": "world"}, request))


urlpatterns = [path("bench/bare/", bare)] + portal_urlpatterns
