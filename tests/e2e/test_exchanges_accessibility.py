"""axe-core on the exchanges pages students use, in both languages."""

import pytest

from exchanges.models import Application
from tests.exchanges.factories import (
    ApplicationChoiceFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    MobilityRecordFactory,
)
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["en", "zh-hant"]


@pytest.fixture
def offer():
    partner = PartnerUniversityFactory(
        academic_calendar_en="Fall: September to January.", courses_url="https://courses.example.edu"
    )
    offer = CallProgrammeFactory(programme__partner=partner, programme__min_gpa="3.00", seats=3)
    CallProgrammeFactory(call=offer.call)
    MobilityRecordFactory(partner=partner, programme=offer.programme)
    return offer


@pytest.mark.parametrize("language", LANGUAGES)
def test_finder_is_accessible(live_server, page, assert_accessible, offer, language):
    page.goto(f"{live_server.url}/{language}/programmes/?region=east-asia&gpa=abc")
    assert page.locator(".programme-results > li").count() == 2
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_page_is_accessible(live_server, page, assert_accessible, offer, language):
    page.goto(f"{live_server.url}/{language}/programmes/{offer.programme.slug}/")
    assert page.locator(".apply-card a.btn").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_application_form_with_errors_is_accessible(live_server, page, assert_accessible, offer, language):
    page.goto(f"{live_server.url}/{language}/programmes/calls/{offer.call.slug}/apply/")
    page.locator("#id_name_en").fill("Lin Chia-Hao")
    page.locator("#id_gpa").fill("5")
    page.locator("#submit-id-submit").click()
    assert page.locator("#form-errors").is_visible()
    assert page.locator("#id_name_en").input_value() == "Lin Chia-Hao"
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_page_is_accessible(live_server, page, assert_accessible, offer, language):
    application = ApplicationFactory(call=offer.call, language=language)
    ApplicationChoiceFactory(application=application, programme=offer.programme)
    application.status_changes.create(to_status=Application.Status.SUBMITTED)
    application.status_changes.create(
        from_status=Application.Status.SUBMITTED, to_status=Application.Status.UNDER_REVIEW, note="Documents complete."
    )
    page.goto(live_server.url + application.get_status_url())
    assert page.get_by_text("Documents complete.").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_resend_link_page_with_errors_is_accessible(live_server, page, assert_accessible, language):
    page.goto(f"{live_server.url}/{language}/programmes/applications/resend/")
    page.locator("#id_student_id").fill("x")
    page.locator("main button[type=submit]").click()
    assert page.locator(".invalid-feedback").first.is_visible()
    assert_accessible(page)
