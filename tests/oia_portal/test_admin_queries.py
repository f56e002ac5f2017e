"""The staff pages people spend their day on run the same queries for 3 rows or 30.

The pages and what fills them are the issue's list (admin index with its
dashboard, and the changelists of partners, agreements, applications,
registrations and mobility records); the counts are pinned, so that a new
column that costs a query per row shows up here.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchanges.balance import academic_year_of
from tests.events.factories import RegistrationFactory
from tests.exchanges.factories import ApplicationChoiceFactory, ApplicationFactory, MobilityRecordFactory
from tests.incoming.factories import CooperationConditionFactory
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db


def expiring_agreement():
    today = timezone.localdate()
    return AgreementFactory(ends_on=today + datetime.timedelta(days=20))


def dashboard_rows():
    """An expiring agreement and a draft, whose partner also exchanges students and promises places this year."""
    agreement = expiring_agreement()
    AgreementFactory(partner=agreement.partner, signed_on=None)  # a draft
    CooperationConditionFactory(agreement=agreement)
    MobilityRecordFactory(partner=agreement.partner, academic_year=academic_year_of())
    CooperationConditionFactory()  # a partner with a promise only


def application_with_choice():
    ApplicationChoiceFactory(application=ApplicationFactory())


def partner_with_agreements():
    AgreementFactory(partner=PartnerUniversityFactory())


PAGES = {
    # url name: (queries, what one more row of the page is)
    "admin:index": (13, dashboard_rows),  # + overdue partners, nominations to send, exchange balance
    # + the countries in use for the country filter, read again since partners were saved.
    "admin:partners_partneruniversity_changelist": (6, partner_with_agreements),
    "admin:partners_agreement_changelist": (7, AgreementFactory),
    # Lists of people write one access-log entry each (issue 19).
    # + the department filter's choices, since departments are data.
    "admin:exchanges_application_changelist": (11, application_with_choice),
    "admin:events_registration_changelist": (10, RegistrationFactory),
    "admin:exchanges_mobilityrecord_changelist": (7, MobilityRecordFactory),
}


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", PAGES)
def test_staff_page_runs_the_same_pinned_queries_for_few_and_many_rows(admin_client, name):
    expected, make_row = PAGES[name]
    path = reverse(name)
    admin_client.get(path)  # the session and per-process look-ups are not the page's
    for _ in range(3):  # rows saved since: what the dashboard keeps is read again
        make_row()
    few = queries(admin_client, path)
    for _ in range(27):
        make_row()
    many = queries(admin_client, path)
    assert (few, many) == (expected, expected)


def test_the_dashboard_panels_are_kept_until_a_table_they_read_changes(admin_client):
    path = reverse("admin:index")
    dashboard_rows()
    admin_client.get(path)
    assert queries(admin_client, path) == 4  # session, user, the two panels' versions come from the cache
    partner = PartnerUniversityFactory(name_en="Newly Expiring University")
    AgreementFactory(partner=partner, ends_on=timezone.localdate() + datetime.timedelta(days=10))
    MobilityRecordFactory.create_batch(3, partner=partner, academic_year=academic_year_of())
    with CaptureQueriesContext(connection) as captured:
        content = admin_client.get(path).content.decode()
    assert len(captured.captured_queries) == PAGES["admin:index"][0]
    partnerships = content[content.index('id="partnership-panel"') : content.index('id="overdue-decisions"')]
    assert "Newly Expiring University" in partnerships
    assert "Newly Expiring University" in content[content.index('id="balance-panel"') :]
    assert queries(admin_client, path) == 4


@pytest.mark.parametrize("name", [name for name in PAGES if name != "admin:index"])
@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_row_checkbox_is_the_markup_django_draws(admin_client, name, language):
    from django.contrib import admin
    from django.utils import translation

    _, make_row = PAGES[name]
    make_row()
    model_admin = admin.site._registry[admin_client.get(reverse(name)).context["cl"].model]
    row = model_admin.model.objects.order_by("pk").last()
    with translation.override(language):
        assert model_admin.action_checkbox(row) == admin.ModelAdmin.action_checkbox(model_admin, row)
