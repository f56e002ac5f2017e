import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from oia_portal.statistics.charts import bar_chart
from oia_portal.statistics.figures import all_figures, key_figures
from partners.models import Agreement
from tests.exchanges.factories import MobilityRecordFactory
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory
from tests.scholars.factories import ScholarFactory, VisitFactory

pytestmark = pytest.mark.django_db


def statistics_url(language="en"):
    with translation.override(language):
        return reverse("statistics:index")


def chart(response, chart_id):
    return next(item for item in response.context["charts"] if item["id"] == chart_id)


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_statistics_page_renders_charts_with_tables(client, language):
    AgreementFactory(partner=PartnerUniversityFactory(country="JP"))
    response = client.get(statistics_url(language))
    body = response.content.decode()
    assert response.status_code == 200
    # Partners by region, by country and agreements by kind have data; the other three say so.
    assert body.count('role="img"') == 3
    assert "<caption>" in body and 'scope="row"' in body


def test_partner_counts_move_when_a_partner_is_added(client):
    PartnerUniversityFactory(country="JP")
    assert chart(client.get(statistics_url()), "partners-country")["rows"] == [("Japan", 1)]
    PartnerUniversityFactory(country="JP")
    PartnerUniversityFactory(country="FR")
    drawn = chart(client.get(statistics_url()), "partners-country")
    assert drawn["rows"] == [("Japan", 2), ("France", 1)]
    assert ">France</text>" in drawn["svg"]  # the drawing is kept as long as the figures, no longer
    regions = chart(client.get(statistics_url()), "partners-region")["rows"]
    assert [(str(label), total) for label, total in regions] == [("East Asia", 2), ("Europe", 1)]


def test_unpublished_partners_count_nowhere():
    hidden = PartnerUniversityFactory(country="SE", is_published=False)
    AgreementFactory(partner=hidden)
    MobilityRecordFactory(partner=hidden)
    figures = all_figures()
    assert figures["partners_by_country"] == []
    assert figures["agreements_by_kind"] == []
    assert figures["students_by_year"] == {"outgoing": [], "incoming": []}
    assert figures["students_by_country"] == {"outgoing": [], "incoming": []}


def test_agreements_by_kind_count_only_agreements_in_force():
    AgreementFactory(kind=Agreement.Kind.DUAL_DEGREE)
    AgreementFactory(kind=Agreement.Kind.DUAL_DEGREE)
    AgreementFactory(kind=Agreement.Kind.RESEARCH, signed_on=None)
    assert [(str(label), total) for label, total in all_figures()["agreements_by_kind"]] == [("Dual degree", 2)]


def test_students_abroad_by_year_and_country():
    france = PartnerUniversityFactory(country="FR")
    MobilityRecordFactory(partner=france, academic_year=2024)
    MobilityRecordFactory(partner=france, academic_year=2025)
    MobilityRecordFactory(academic_year=2025)  # a Japanese partner
    MobilityRecordFactory(partner=france, academic_year=2025, direction="incoming")
    figures = all_figures()
    assert figures["students_by_year"]["outgoing"] == [("2024–25", 1), ("2025–26", 2)]
    assert figures["students_by_year"]["incoming"] == [("2025–26", 1)]
    outgoing = figures["students_by_country"]["outgoing"]
    assert [(code, total) for code, _name, total in outgoing] == [("FR", 2), ("JP", 1)]
    assert [(code, total) for code, _name, total in figures["students_by_country"]["incoming"]] == [("FR", 1)]


def test_home_counts_students_sent_and_received_separately():
    MobilityRecordFactory()
    MobilityRecordFactory(direction="incoming")
    MobilityRecordFactory(direction="incoming")
    figures = key_figures()
    assert (figures["students_abroad"], figures["students_received"]) == (1, 2)


def test_visiting_scholars_by_year_count_published_inbound_visits():
    VisitFactory(starts_on=datetime.date(2024, 3, 1), ends_on=datetime.date(2024, 3, 9))
    VisitFactory(starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 3, 9))
    VisitFactory(starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2025, 4, 9), direction="outbound")
    VisitFactory(
        scholar=ScholarFactory(is_published=False), starts_on=datetime.date(2025, 5, 1), ends_on=datetime.date(2025, 5, 9)
    )
    assert all_figures()["scholars_by_year"] == [("2024", 1), ("2025", 1)]


@pytest.mark.parametrize("rows", [3, 30])
def test_statistics_query_count_is_constant(client, django_assert_num_queries, rows):
    countries = ["JP", "FR", "US", "KR", "VN", "AU"]
    for number in range(rows):
        partner = PartnerUniversityFactory(country=countries[number % len(countries)])
        AgreementFactory(partner=partner)
        MobilityRecordFactory(partner=partner, academic_year=2020 + number % 5)
        VisitFactory(scholar=ScholarFactory(home_partner=partner))
    client.get(statistics_url())
    with django_assert_num_queries(5):
        client.get(statistics_url())


def test_bar_chart_is_an_image_with_title_and_description_and_escapes_labels():
    svg = bar_chart("demo", "Title", "Description", [("<b>x</b>", 3), ("y", 1)])
    assert 'role="img"' in svg and '<title id="demo-title">Title</title>' in svg
    assert "&lt;b&gt;x&lt;/b&gt;" in svg and "<b>" not in svg
    assert svg.count("<rect") == 2
