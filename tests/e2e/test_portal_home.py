"""The home page, the language switch, keyboard use and accessibility, in real Chromium."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from core.models import SiteSettings
from tests.events.factories import EventFactory, NewsArticleFactory
from tests.exchanges.factories import CallProgrammeFactory
from tests.partners.factories import AgreementFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def portal():
    """A site with its settings and a little of everything the home page shows."""
    site = SiteSettings.get_solo()
    site.institution_name_en = "Southern Taiwan University of Science and Technology"
    site.institution_name_zh_hant = "南臺科技大學"
    site.office_name_en = "Office of International Affairs"
    site.office_name_zh_hant = "國際事務處"
    site.address_en = "No. 1, Nan-Tai Street, Yongkang District, Tainan City"
    site.address_zh_hant = "臺南市永康區南臺街1號"
    site.email = "oia@example.edu.tw"
    site.phone = "+886 6 253 3131"
    site.office_hours_en = "Monday to Friday, 8:00–17:00"
    site.office_hours_zh_hant = "週一至週五 8:00–17:00"
    site.save()
    CallProgrammeFactory(programme__title_en="Semester in Kyoto", programme__title_zh_hant="京都學期交換")
    AgreementFactory.create_batch(2)
    EventFactory(title_en="Study in Japan info session", title_zh_hant="赴日交換說明會")
    NewsArticleFactory(title_en="Three new partners in Europe", title_zh_hant="歐洲新增三所姊妹校")
    return site


def test_home_page_shows_figures_deadlines_events_and_news(live_server, page, portal):
    page.goto(f"{live_server.url}/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Office of International Affairs")
    expect(page.locator(".key-figures")).to_contain_text("partner universities")
    expect(page.get_by_role("link", name="Semester in Kyoto")).to_be_visible()
    expect(page.get_by_role("link", name="Study in Japan info session")).to_be_visible()
    expect(page.get_by_role("link", name="Three new partners in Europe")).to_be_visible()


def test_language_switch_shows_chinese_and_keeps_the_page(live_server, page, portal):
    page.goto(f"{live_server.url}/en/about/")
    page.get_by_role("link", name="繁體中文").click()
    expect(page).to_have_url(f"{live_server.url}/zh-hant/about/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
    with translation.override("zh-hant"):
        heading = translation.gettext("About and contact")
    assert heading != "About and contact"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("main")).to_contain_text("臺南市永康區南臺街1號")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/about/")


def test_language_switch_from_the_home_page(live_server, page, portal):
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="繁體中文").click()
    expect(page).to_have_url(f"{live_server.url}/zh-hant/")
    expect(page.get_by_role("heading", level=1)).to_have_text("國際事務處")
    expect(page.get_by_role("link", name="京都學期交換")).to_be_visible()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, page, portal):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/#main")
    expect(page.locator("main")).to_be_focused()


def test_focus_is_visible_on_links(live_server, page, portal):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


@pytest.mark.parametrize("path", ["/en/", "/zh-hant/", "/en/about/", "/zh-hant/about/", "/en/no-such-page/", "/zh-hant/no-such-page/"])
def test_page_has_no_accessibility_violations(live_server, page, portal, assert_accessible, path):
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/en/", "/zh-hant/"])
def test_page_has_no_accessibility_violations_on_a_phone(live_server, page, portal, assert_accessible, path):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)


def test_home_page_fits_a_phone_and_its_menu_opens(live_server, page, portal):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/en/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    menu = page.get_by_role("button", name="Show menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("link", name="Partners", exact=True)).to_be_hidden()
    menu.click()
    expect(page.get_by_role("link", name="Partners", exact=True)).to_be_visible()


def test_public_pages_raise_no_console_error(live_server, page, portal):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ["/en/", "/zh-hant/about/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert not errors
