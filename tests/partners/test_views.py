import datetime
import re

import pytest
from django.utils import timezone, translation

from core.models import SiteSettings
from tests.exchanges.factories import ApplicationCallFactory, CallProgrammeFactory, ExchangeProgramFactory
from tests.helpers import forget_kept_parts, url
from tests.partners.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    PartnerContactFactory,
    PartnerUniversityFactory,
)
from tests.scholars.factories import ScholarFactory, VisitFactory

pytestmark = pytest.mark.django_db


def partner_with_everything(number=0):
    partner = PartnerUniversityFactory()
    AgreementFactory(partner=partner, internal_notes=f"Secret negotiation note {number}")
    ExchangeProgramFactory(partner=partner)
    VisitFactory(scholar=ScholarFactory(home_partner=partner))
    PartnerContactFactory(partner=partner)
    return partner


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_partner_list_shows_published_partners_only(client, language):
    shown = PartnerUniversityFactory(name_en="Shown University", name_zh_hant="公開大學")
    PartnerUniversityFactory(name_en="Hidden University", name_zh_hant="隱藏大學", is_published=False)
    response = client.get(url("partners:list", language))
    body = response.content.decode()
    assert response.status_code == 200
    assert str(shown.name) in body or shown.name_zh_hant in body
    assert "Hidden University" not in body and "隱藏大學" not in body


def test_partner_list_filters_travel_in_the_url(client):
    PartnerUniversityFactory(name_en="Lyon University", country="FR")
    PartnerUniversityFactory(name_en="Kyoto University", country="JP")
    response = client.get(url("partners:list"), {"country": "FR"})
    body = response.content.decode()
    assert "Lyon University" in body and "Kyoto University" not in body
    assert response.context["paginator"].count == 1


def test_partner_list_with_unknown_filter_values_does_not_fail(client):
    PartnerUniversityFactory()
    response = client.get(url("partners:list"), {"country": "ZZ", "region": "mars", "kind": "x", "page": "1"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 1


@pytest.mark.parametrize("rows", [3, 30])
def test_partner_list_query_count_is_constant(client, django_assert_num_queries, rows):
    for number in range(rows):
        partner_with_everything(number)
    client.get(url("partners:list"))  # warm the site-settings cache
    with django_assert_num_queries(3):
        response = client.get(url("partners:list"), {"region": "east-asia", "kind": "student-exchange"})
    assert response.context["paginator"].count == rows


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_partner_detail_shows_fact_sheet_agreements_programmes_and_scholars(client, language):
    partner = PartnerUniversityFactory(
        nomination_deadlines="15 March", courses_url="https://courses.example.edu/", international_office_email="io@example.edu"
    )
    AgreementFactory(partner=partner)
    programme = ExchangeProgramFactory(partner=partner, title_en="Kyoto semester", title_zh_hant="京都學期")
    CallProgrammeFactory(programme=programme, call=ApplicationCallFactory())
    scholar = ScholarFactory(home_partner=partner, name_en="Ada Visitor", name_zh_hant="訪問學者甲")
    VisitFactory(scholar=scholar)
    with translation.override(language):
        response = client.get(partner.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "15 March" in body and "https://courses.example.edu/" in body and "io@example.edu" in body
    assert ("Kyoto semester" in body) or ("京都學期" in body)
    assert ("Ada Visitor" in body) or ("訪問學者甲" in body)
    assert response.context["published_programmes"][0].is_open


def test_partner_detail_never_shows_notes_documents_owner_or_contacts(client, django_user_model):
    owner = django_user_model.objects.create_user("agreement-owner", "owner@example.edu")
    agreement = AgreementFactory(internal_notes="Confidential renewal talks", owner=owner)
    AgreementDocumentFactory(agreement=agreement, title="Signed copy secret title")
    contact = PartnerContactFactory(partner=agreement.partner, email="private.person@partner.example.edu")
    body = client.get(agreement.partner.get_absolute_url()).content.decode()
    for secret in ("Confidential renewal talks", "Signed copy secret title", "agreement-owner", contact.email, "download"):
        assert secret not in body


def test_partner_detail_lists_only_agreements_in_force(client):
    partner = PartnerUniversityFactory()
    AgreementFactory(partner=partner, kind="dual-degree")
    AgreementFactory(partner=partner, kind="research", signed_on=None)
    today = timezone.localdate()
    AgreementFactory(
        partner=partner, kind="faculty-exchange",
        starts_on=today - datetime.timedelta(days=900), ends_on=today - datetime.timedelta(days=1),
    )
    response = client.get(partner.get_absolute_url())
    assert [a.kind for a in response.context["agreements_in_force"]] == ["dual-degree"]


def test_partner_detail_hides_unpublished_programmes(client):
    partner = PartnerUniversityFactory()
    ExchangeProgramFactory(partner=partner, title_en="Hidden programme", is_published=False)
    assert "Hidden programme" not in client.get(partner.get_absolute_url()).content.decode()


def test_unpublished_partner_detail_is_not_found(client):
    partner = PartnerUniversityFactory(is_published=False)
    assert client.get(partner.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_partner_detail_query_count_is_constant(client, django_assert_num_queries, rows):
    partner = PartnerUniversityFactory()
    for _ in range(rows):
        AgreementFactory(partner=partner)
        ExchangeProgramFactory(partner=partner)
        VisitFactory(scholar=ScholarFactory(home_partner=partner))
    client.get(partner.get_absolute_url())  # the site's settings read and kept
    forget_kept_parts("call-opening")
    # The partner, the calls' openings and closings, then the parts drawn: its programmes,
    # agreements in force, recent visits, courses recognised before, reports.
    with django_assert_num_queries(7):
        response = client.get(partner.get_absolute_url())
    assert len(response.context["agreements_in_force"]) == rows
    # Drawn once: the parts are kept until a table they read changes.
    with django_assert_num_queries(1):
        client.get(partner.get_absolute_url())


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_map_links_each_partner_country_to_the_filtered_list(client, language):
    PartnerUniversityFactory(country="FR")
    response = client.get(url("partners:map", language))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="{url("partners:list", language)}?country=FR"' in body
    assert 'data-country="FR"' in body and 'data-country="JP"' not in body


def test_map_count_moves_when_a_partner_is_added(client):
    def sweden_row():
        body = client.get(url("partners:map")).content.decode()
        return re.search(r'\?country=SE">Sweden</a></th><td class="text-end">(\d+)</td>', body).group(1)

    PartnerUniversityFactory(country="SE")
    assert sweden_row() == "1"
    PartnerUniversityFactory(country="SE")  # the kept map is drawn again for the new counts
    PartnerUniversityFactory(country="SE", is_published=False)
    assert sweden_row() == "2"
    body = client.get(url("partners:map", "zh-hant")).content.decode()
    assert '?country=SE">瑞典</a></th><td class="text-end">2</td>' in body  # kept per language


@pytest.mark.parametrize("rows", [3, 30])
def test_map_query_count_is_constant(client, django_assert_num_queries, rows):
    for number in range(rows):
        PartnerUniversityFactory(country=["JP", "FR", "US", "KR", "VN"][number % 5])
    SiteSettings.get_solo()  # made on first use, which would itself count as a content change
    client.get(url("partners:map"))
    with django_assert_num_queries(0):  # the counts are kept until a partner changes
        client.get(url("partners:map"))
    PartnerUniversityFactory(country="JP")
    with django_assert_num_queries(1):
        assert '?country=JP">Japan</a></th><td class="text-end">' in client.get(url("partners:map")).content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_fact_sheet_page_shows_what_a_student_needs(client, language):
    partner = PartnerUniversityFactory(
        slug="lyon", application_deadlines="30 April", language_requirements_en="French B2",
        language_requirements_zh_hant="法語 B2", international_office_url="https://io.example.edu/",
    )
    ExchangeProgramFactory(partner=partner, title_en="Lyon semester", title_zh_hant="里昂學期")
    response = client.get(url("partners:fact-sheet", language, slug="lyon"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "30 April" in body and "https://io.example.edu/" in body
    assert ("French B2" in body and "Lyon semester" in body) or ("法語 B2" in body and "里昂學期" in body)


def test_fact_sheet_of_an_unpublished_partner_is_not_found(client):
    PartnerUniversityFactory(slug="hidden", is_published=False)
    assert client.get(url("partners:fact-sheet", slug="hidden")).status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_fact_sheet_query_count_is_constant(client, django_assert_num_queries, rows):
    partner = PartnerUniversityFactory(slug="kyoto")
    for _ in range(rows):
        ExchangeProgramFactory(partner=partner)
    client.get(url("partners:fact-sheet", slug="kyoto"))
    with django_assert_num_queries(2):
        response = client.get(url("partners:fact-sheet", slug="kyoto"))
    assert len(response.context["published_programmes"]) == rows
