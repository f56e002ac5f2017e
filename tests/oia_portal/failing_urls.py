"""A URLconf whose views fail, to test what visitors see when they do."""

from django.db import OperationalError
from django.urls import path


def database_down(request):
    raise OperationalError("could not connect to server: Connection refused")


def bug(request):
    raise ZeroDivisionError("a bug")


urlpatterns = [
    path("database-down/", database_down),
    path("bug/", bug),
]

handler500 = "oia_portal.views.server_error"
