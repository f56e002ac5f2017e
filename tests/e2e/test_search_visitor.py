"""A visitor searches the portal in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.events.factories import EventFactory, NewsArticleFactory
from tests.exchanges.factories import ExchangeProgramFactory
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kyoto():
    partner = PartnerUniversityFactory(
        name_en="Kyoto University",
        name_zh_hant="京都大學",
        slug="kyoto-university",
        description_en="A research university in Kyoto.",
        description_zh_hant="位於京都的研究型大學。",
    )
    PartnerUniversityFactory(name_en="Osaka University", name_zh_hant="大阪大學", city_zh_hant="大阪", city_en="Osaka")
    ExchangeProgramFactory(partner=partner, title_en="Semester in Kyoto", title_zh_hant="京都學期交換")
    EventFactory(title_en="Studying in Kyoto: info session", title_zh_hant="京都留學說明會")
    NewsArticleFactory(
        title_en="New agreement with Kyoto", title_zh_hant="與京都大學續約", body_zh_hant="本處與京都大學續約。"
    )
    return partner


def test_visitor_searches_in_chinese_and_opens_the_partner(live_server, page, kyoto):
    page.goto(f"{live_server.url}/zh-hant/")
    header_search = page.locator("header").get_by_role("searchbox")
    header_search.fill("京都")
    header_search.press("Enter")

    expect(page).to_have_url(re.compile(r"/zh-hant/search/\?q="))
    expect(page.get_by_role("status")).to_contain_text("京都")
    partners = page.get_by_role("region", name=re.compile("姊妹校"))
    expect(partners.get_by_role("link", name="京都大學")).to_be_visible()
    expect(partners.get_by_role("link", name="大阪大學")).to_have_count(0)

    partners.get_by_role("link", name="京都大學").click()
    expect(page).to_have_url(f"{live_server.url}/zh-hant/partners/kyoto-university/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("京都大學")


@pytest.mark.parametrize("language,query", [("en", "Kyoto"), ("zh-hant", "京都")])
def test_results_page_is_accessible(live_server, page, assert_accessible, kyoto, language, query):
    page.goto(f"{live_server.url}/{language}/search/?q={query}")
    expect(page.locator("mark").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_empty_and_one_kind_pages_are_accessible(live_server, page, assert_accessible, kyoto, language):
    page.goto(f"{live_server.url}/{language}/search/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/{language}/search/?q=Kyoto&kind=partners")
    assert_accessible(page)
