"""While the database is unreachable, answer 503 with a plain page, not a traceback.

Nothing is written half-way: each public write runs in one transaction, which
the database rolls back when the connection drops. With CONN_HEALTH_CHECKS the
next request after the outage opens a fresh connection by itself.
"""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def _unreachable(exception):
    if isinstance(exception, InterfaceError):
        return True
    if isinstance(exception, OperationalError):
        return True
    # psycopg2 reports a dropped server connection as a DatabaseError subclass too.
    message = str(exception).lower()
    return isinstance(exception, DatabaseError) and ("server closed the connection" in message or "terminating connection" in message)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _unreachable(exception):
            return None
        logger.error("Database unavailable: %s", exception)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
