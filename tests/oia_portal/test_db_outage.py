from django.db import IntegrityError, OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from oia_portal.db_outage import DatabaseOutageMiddleware


def test_unreachable_database_gives_a_503_page_with_retry_after():
    middleware = DatabaseOutageMiddleware(lambda request: HttpResponse())
    response = middleware.process_exception(
        RequestFactory().get("/en/"), OperationalError("could not connect to server: Connection refused")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"briefly unavailable" in response.content
    assert "入口網站暫時無法使用" in response.content.decode()


def test_other_database_errors_are_left_to_the_normal_handling():
    middleware = DatabaseOutageMiddleware(lambda request: HttpResponse())
    assert middleware.process_exception(RequestFactory().get("/en/"), IntegrityError("duplicate key")) is None
