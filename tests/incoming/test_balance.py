import datetime

import pytest

from exchanges.balance import academic_year_of, balances, dashboard_balance
from tests.exchanges.factories import MobilityRecordFactory
from tests.incoming.factories import CooperationConditionFactory
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db


def test_academic_year_starts_in_august():
    assert academic_year_of(datetime.date(2026, 7, 31)) == 2025
    assert academic_year_of(datetime.date(2026, 8, 1)) == 2026


def test_balance_counts_sent_and_received_against_the_conditions():
    partner = PartnerUniversityFactory()
    agreement = AgreementFactory(
        partner=partner, starts_on=datetime.date(2020, 1, 1), ends_on=None, outbound_seats=9, inbound_seats=9
    )
    CooperationConditionFactory(agreement=agreement, direction="outgoing", mobilities_per_year=3,
                                first_academic_year=2024, last_academic_year=2026)
    CooperationConditionFactory(agreement=agreement, direction="incoming", mobilities_per_year=2,
                                first_academic_year=2024, last_academic_year=2026)
    for _ in range(4):
        MobilityRecordFactory(partner=partner, academic_year=2025)
    MobilityRecordFactory(partner=partner, academic_year=2025, direction="incoming")
    MobilityRecordFactory(partner=partner, academic_year=2023, direction="incoming")
    rows = {row.year: row for row in balances([partner.pk], [2023, 2025])[partner.pk]}
    this = rows[2025]
    assert (this.sent, this.received, this.agreed_out, this.agreed_in) == (4, 1, 3, 2)
    assert this.difference == -3
    assert this.over_agreed_out and not this.over_agreed_in
    # No condition covers 2023: the agreement's seats stand in.
    assert (rows[2023].received, rows[2023].agreed_out, rows[2023].agreed_in) == (1, 9, 9)


def test_agreements_not_in_force_that_year_promise_nothing():
    partner = PartnerUniversityFactory()
    AgreementFactory(partner=partner, starts_on=datetime.date(2027, 9, 1), ends_on=None, outbound_seats=5)
    [row] = balances([partner.pk], [2025])[partner.pk]
    assert row.agreed_out == 0


def test_balance_query_count_does_not_grow_with_partners(django_assert_num_queries):
    partners = [PartnerUniversityFactory() for _ in range(5)]
    for partner in partners:
        CooperationConditionFactory(agreement__partner=partner)
        MobilityRecordFactory(partner=partner, academic_year=2025)
    with django_assert_num_queries(3):
        balances([p.pk for p in partners], [2024, 2025])


def test_dashboard_lists_the_most_lopsided_partners_first():
    today = datetime.date(2026, 10, 1)
    even, lopsided = PartnerUniversityFactory(name_en="Even"), PartnerUniversityFactory(name_en="Lopsided")
    MobilityRecordFactory(partner=even, academic_year=2026)
    MobilityRecordFactory(partner=even, academic_year=2026, direction="incoming")
    for _ in range(3):
        MobilityRecordFactory(partner=lopsided, academic_year=2026)
    panel = dashboard_balance(today=today)
    assert panel["year"] == "2026/27"
    assert [name for name, _pk, _row in panel["rows"]] == ["Lopsided", "Even"]


def test_admin_dashboard_and_partner_page_show_the_balance(admin_client):
    partner = PartnerUniversityFactory(name_en="Kyoto Balance")
    year = academic_year_of()
    MobilityRecordFactory(partner=partner, academic_year=year, direction="incoming")
    dashboard = admin_client.get("/admin/")
    assert "balance-panel" in dashboard.text and "Kyoto Balance" in dashboard.text
    page = admin_client.get(f"/admin/partners/partneruniversity/{partner.pk}/change/")
    assert "Exchange balance per academic year" in page.text
    assert f"{year}/{(year + 1) % 100:02d}" in page.text
