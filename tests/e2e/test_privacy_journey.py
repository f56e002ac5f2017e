"""A student finds their data from the status page, downloads it and asks for erasure; axe on both pages."""

import pytest

from privacy.models import PrivacyRequest
from tests.exchanges.factories import ApplicationChoiceFactory, ApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["en", "zh-hant"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_page_is_accessible(live_server, page, assert_accessible, language):
    page.goto(f"{live_server.url}/{language}/privacy/")
    assert page.locator("table tbody tr").count() >= 5
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_student_downloads_their_data_and_asks_for_erasure(live_server, page, assert_accessible, language):
    application = ApplicationFactory(language=language)
    ApplicationChoiceFactory(application=application)
    page.goto(live_server.url + application.get_status_url())
    page.locator("a[href*='/privacy/application/']").click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator("a[href$='/export/']").click()
    assert download.value.suggested_filename == "my-data-application.zip"
    page.locator("button[type=submit].btn-outline-danger").click()
    assert page.locator(".invalid-feedback, .is-invalid").count() >= 1  # the box was not ticked
    assert_accessible(page)
    page.locator("input[name=confirm]").check()
    page.locator("button[type=submit].btn-outline-danger").click()
    assert page.locator(".alert-success").count() == 1
    assert PrivacyRequest.objects.pending().count() == 1
