"""The admin works in a real browser under the strict Content-Security-Policy."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import expect

from tests.core import users
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory
from tests.scholars.factories import VisitFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_errors(page):
    """Console messages and failed requests that the CSP (or anything else) caused."""
    errors = []
    page.on("console", lambda message: message.type in ("error", "warning") and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def admin_page(live_server, page):
    user = users.superuser("browser-admin")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(users.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    return page


def csp_violations(errors):
    return [text for text in errors if "Content Security Policy" in text or "Refused to" in text]


def test_admin_index_shows_the_institution_and_no_csp_error(live_server, admin_page, csp_errors):
    AgreementFactory(partner__name_en="Graz University of Technology")
    expect(admin_page.locator("#site-name")).to_contain_text("Office of International Affairs")
    admin_page.goto(f"{live_server.url}/admin/partners/partneruniversity/")
    expect(admin_page.locator("#result_list")).to_contain_text("Graz University of Technology")
    admin_page.goto(f"{live_server.url}/admin/partners/agreement/")
    expect(admin_page.locator("#result_list")).to_contain_text("Graz University of Technology")
    assert not csp_violations(csp_errors), csp_errors


def test_prepopulated_slug_and_language_tabs_work(live_server, admin_page, csp_errors):
    admin_page.goto(f"{live_server.url}/admin/partners/partneruniversity/add/")
    # modeltranslation's tabs (jQuery UI, served locally) group the two languages.
    expect(admin_page.locator(".ui-tabs").first).to_be_visible()
    admin_page.locator("#id_name_en").fill("Kyoto Institute of Design")
    admin_page.locator("#id_name_en").blur()
    expect(admin_page.locator("#id_slug")).to_have_value("kyoto-institute-of-design")
    assert not csp_violations(csp_errors), csp_errors


def test_autocomplete_finds_a_partner(live_server, admin_page, csp_errors):
    PartnerUniversityFactory(name_en="Tartu University of Applied Sciences", name_zh_hant="塔爾圖應用科技大學")
    admin_page.goto(f"{live_server.url}/admin/partners/agreement/add/")
    admin_page.locator(".field-partner .select2-selection").click()
    admin_page.locator(".select2-search__field").fill("Tartu")
    option = admin_page.locator(".select2-results__option", has_text=re.compile("Tartu University"))
    expect(option).to_be_visible()
    option.click()
    expect(admin_page.locator("#select2-id_partner-container")).to_contain_text("Tartu University")
    assert not csp_violations(csp_errors), csp_errors


def test_every_admin_list_and_add_page_loads_without_csp_violation(live_server, admin_page, csp_errors):
    AgreementFactory()
    VisitFactory()
    request = RequestFactory().get("/admin/")
    request.user = users.superuser("browser-admin")
    visited = []
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        urls = [reverse("admin:{}_{}_changelist".format(*info))]
        if model_admin.has_add_permission(request):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        for url in urls:
            admin_page.goto(f"{live_server.url}{url}")
            expect(admin_page.locator("#content")).to_be_visible()
            visited.append(url)
    assert len(visited) >= len(admin.site._registry)
    assert not csp_violations(csp_errors), csp_errors
