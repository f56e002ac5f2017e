"""A visitor finds a partner through the filters; axe-core on every public partnership page."""

import pytest
from playwright.sync_api import expect

from partners.models import Agreement
from tests.exchanges.factories import ExchangeProgramFactory, MobilityRecordFactory
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory
from tests.scholars.factories import ScholarFactory, VisitFactory

pytestmark = pytest.mark.django_db(transaction=True)


def some_partners():
    lyon = PartnerUniversityFactory(
        name_en="Lyon Institute of Design", name_zh_hant="里昂設計學院", slug="lyon-design", country="FR",
        city_en="Lyon", city_zh_hant="里昂", nomination_deadlines="15 March (fall)",
        international_office_email="international@lyon.example.edu",
    )
    AgreementFactory(partner=lyon, kind=Agreement.Kind.DUAL_DEGREE)
    ExchangeProgramFactory(partner=lyon, title_en="Design semester in Lyon", title_zh_hant="里昂設計學期")
    VisitFactory(scholar=ScholarFactory(home_partner=lyon))
    MobilityRecordFactory(partner=lyon)
    for country in ("JP", "JP", "US", "FR"):
        partner = PartnerUniversityFactory(country=country)
        AgreementFactory(partner=partner)
        MobilityRecordFactory(partner=partner, academic_year=2024)
    return lyon


def test_visitor_finds_a_partner_through_the_filters(live_server, page):
    some_partners()
    page.goto(f"{live_server.url}/en/partners/")
    page.get_by_label("Region").select_option("europe")
    page.get_by_label("Agreement in force").select_option("dual-degree")
    page.get_by_role("button", name="Show partners").click()

    expect(page).to_have_url(f"{live_server.url}/en/partners/?q=&region=europe&country=&kind=dual-degree")
    expect(page.locator("#partner-count")).to_have_text("1 partner university")
    page.get_by_role("link", name="Lyon Institute of Design").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Lyon Institute of Design")
    fact_sheet = page.locator("#fact-sheet")
    expect(fact_sheet).to_contain_text("15 March (fall)")
    expect(fact_sheet).to_contain_text("Design semester in Lyon")


def test_map_country_links_to_its_partners(live_server, page):
    some_partners()
    page.goto(f"{live_server.url}/en/partners/map/")
    # France's shape spans Europe and French Guiana, so follow the link from the keyboard.
    page.locator("svg.world-map a[href$='?country=FR']").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#partner-count")).to_have_text("2 partner universities")


@pytest.mark.parametrize("language", ["en", "zh-hant"])
@pytest.mark.parametrize(
    "path", ["partners/", "partners/lyon-design/", "partners/lyon-design/fact-sheet/", "partners/map/", "statistics/"]
)
def test_partnership_pages_have_no_axe_violations(live_server, page, assert_accessible, language, path):
    some_partners()
    page.goto(f"{live_server.url}/{language}/{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
