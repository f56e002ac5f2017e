import pytest

from scholars.models import Visit
from tests.partners.factories import PartnerUniversityFactory
from tests.scholars.factories import ScholarFactory, VisitFactory

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["en", "zh-hant"]


@pytest.fixture
def scholar():
    scholar = ScholarFactory(home_partner=PartnerUniversityFactory(), email="a@uni.example", email_is_public=True)
    VisitFactory(scholar=scholar)
    VisitFactory(direction=Visit.Direction.OUTBOUND, partner=PartnerUniversityFactory())
    return scholar


@pytest.mark.parametrize("language", LANGUAGES)
def test_scholars_list_is_accessible(live_server, page, assert_accessible, scholar, language):
    page.goto(f"{live_server.url}/{language}/scholars/")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_scholar_page_is_accessible(live_server, page, assert_accessible, scholar, language):
    page.goto(f"{live_server.url}/{language}/scholars/{scholar.slug}/")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_teacher_exchange_page_is_accessible(live_server, page, assert_accessible, scholar, language):
    page.goto(f"{live_server.url}/{language}/scholars/teacher-exchange/")
    assert_accessible(page)


def test_visitor_filters_scholars_by_country(live_server, page, scholar):
    other = ScholarFactory(country="FR", name_en="Claire Dubois")
    VisitFactory(scholar=other)
    page.goto(f"{live_server.url}/en/scholars/")
    page.get_by_label("Country").select_option("FR")
    page.get_by_role("button", name="Apply filters").click()
    assert "country=FR" in page.url
    assert page.get_by_role("link", name="Prof. Claire Dubois").is_visible()
    assert page.get_by_role("link", name=scholar.display_name).count() == 0
