import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.demo_images import minimal_pdf
from partners.models import Agreement, AgreementDocument
from tests.core.factories import StaffUserFactory
from tests.partners.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    PartnerContactFactory,
    PartnerUniversityFactory,
)

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def staff(*groups):
    user = StaffUserFactory(groups=list(groups))
    user.save()  # the factory sets the password without saving; the session checks it
    return user


@pytest.fixture
def editor(client):
    user = staff(roles.PARTNERSHIPS)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "name",
    [
        "admin:partners_partneruniversity_changelist",
        "admin:partners_partneruniversity_add",
        "admin:partners_agreement_changelist",
        "admin:partners_agreement_add",
        "admin:partners_partnercontact_changelist",
        "admin:partners_agreementreminder_changelist",
        "admin:partners_agreement_import",
        "admin:partners_agreement_export",
        "admin:partners_partneruniversity_import",
    ],
)
def test_partnerships_editor_opens_admin_pages(client, editor, name):
    AgreementFactory()
    assert client.get(reverse(name)).status_code == 200


def test_agreement_changelist_shows_status_as_colour_and_text(client, editor):
    AgreementFactory(ends_on=days(20))
    body = client.get(reverse("admin:partners_agreement_changelist")).content.decode()
    assert 'class="agreement-status agreement-status-expiring">Expiring<' in body


def test_agreement_changelist_filters_by_status(client, editor):
    expiring = AgreementFactory(ends_on=days(20))
    AgreementFactory(ends_on=days(400))
    response = client.get(reverse("admin:partners_agreement_changelist"), {"status": "expiring"})
    assert list(response.context["cl"].result_list) == [expiring]


def test_agreement_changelist_sorts_by_end_date(client, editor):
    later = AgreementFactory(ends_on=days(500))
    sooner = AgreementFactory(ends_on=days(50))
    response = client.get(reverse("admin:partners_agreement_changelist"))
    assert list(response.context["cl"].result_list) == [sooner, later]


def changelist_queries(client, rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(rows):
        AgreementFactory(ends_on=days(10 + n), owner=staff())
    client.get(reverse("admin:partners_agreement_changelist"))  # session and site settings warm up
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("admin:partners_agreement_changelist"))
    return len(queries)


def test_agreement_changelist_query_count_does_not_grow_with_rows(client, editor):
    assert changelist_queries(client, 3) == changelist_queries(client, 20)


def test_dashboard_panel_lists_expiring_agreements_drafts_and_partners_without_agreement(client, editor):
    soon = AgreementFactory(ends_on=days(10))
    AgreementFactory(ends_on=days(60))
    AgreementFactory(ends_on=days(150))
    AgreementFactory(ends_on=days(400))
    draft = AgreementFactory(signed_on=None)
    PartnerUniversityFactory(name_en="Lonely University")
    body = client.get(reverse("admin:index")).content.decode()
    assert 'id="partnership-panel"' in body
    assert str(soon.partner) in body and str(draft.partner) in body and "Lonely University" in body


def test_dashboard_counts_each_window_cumulatively():
    from partners.dashboard import agreement_dashboard

    for offset in (10, 30, 31, 90, 150, 180, 181):
        AgreementFactory(ends_on=days(offset))
    assert [window["count"] for window in agreement_dashboard()["windows"]] == [2, 4, 6]


def test_dashboard_data_costs_five_queries_whatever_the_rows(django_assert_num_queries):
    from partners.dashboard import agreement_dashboard

    for n in range(15):
        AgreementFactory(ends_on=days(5 + n * 10))
        AgreementFactory(signed_on=None)
    # Expiring and drafts: first rows and counts, then those rows; partners without one.
    with django_assert_num_queries(5):
        agreement_dashboard()


def test_staff_without_partner_permissions_sees_no_panel(client):
    client.force_login(staff())
    AgreementFactory(ends_on=days(10))
    assert 'id="partnership-panel"' not in client.get(reverse("admin:index")).content.decode()


def test_prepare_renewal_action_creates_a_linked_draft_and_opens_it(client, editor):
    agreement = AgreementFactory(ends_on=days(40), outbound_seats=4)
    response = client.post(
        reverse("admin:partners_agreement_changelist"),
        {"action": "prepare_renewal", "_selected_action": [agreement.pk]},
    )
    draft = agreement.renewals.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:partners_agreement_change", args=[draft.pk])
    assert draft.status == Agreement.Status.DRAFT and draft.outbound_seats == 4


def test_partner_admin_page_shows_the_renewal_chain(client, editor):
    agreement = AgreementFactory(ends_on=days(40))
    AgreementFactory(partner=agreement.partner, renewal_of=agreement, signed_on=None)
    body = client.get(reverse("admin:partners_partneruniversity_change", args=[agreement.partner.pk])).content.decode()
    assert "→" in body and "Draft" in body


def test_partner_admin_page_has_contacts_inline(client, editor):
    contact = PartnerContactFactory(email="coordinator@kyoto.example.edu")
    body = client.get(reverse("admin:partners_partneruniversity_change", args=[contact.partner.pk])).content.decode()
    assert "coordinator@kyoto.example.edu" in body


def document_formset(agreement, upload):
    data = {
        "partner": agreement.partner.pk,
        "kind": agreement.kind,
        "signed_on": agreement.signed_on.isoformat(),
        "starts_on": agreement.starts_on.isoformat(),
        "ends_on": agreement.ends_on.isoformat(),
        "outbound_seats": 2,
        "inbound_seats": 2,
        "level": "university",
        "conditions-TOTAL_FORMS": 0,
        "conditions-INITIAL_FORMS": 0,
        "conditions-MIN_NUM_FORMS": 0,
        "conditions-MAX_NUM_FORMS": 1000,
        "documents-TOTAL_FORMS": 1,
        "documents-INITIAL_FORMS": 0,
        "documents-MIN_NUM_FORMS": 0,
        "documents-MAX_NUM_FORMS": 1000,
        "documents-0-title": "Signed copy",
        "documents-0-language": "en",
        "documents-0-file": upload,
    }
    return data


def test_editor_uploads_a_signed_pdf(client, editor):
    agreement = AgreementFactory()
    upload = SimpleUploadedFile("signed.pdf", minimal_pdf("Signed"), content_type="application/pdf")
    response = client.post(reverse("admin:partners_agreement_change", args=[agreement.pk]), document_formset(agreement, upload))
    assert response.status_code == 302
    document = agreement.documents.get()
    assert document.file.name.endswith(".pdf") and "signed" not in document.file.name


def test_upload_that_is_not_a_pdf_is_refused(client, editor):
    agreement = AgreementFactory()
    upload = SimpleUploadedFile("signed.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = client.post(reverse("admin:partners_agreement_change", args=[agreement.pk]), document_formset(agreement, upload))
    assert response.status_code == 200
    assert "not a PDF" in response.content.decode()
    assert not AgreementDocument.objects.exists()


def test_editor_downloads_a_signed_document_as_attachment(client, editor):
    document = AgreementDocumentFactory()
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{document.agreement.partner.slug}-student-exchange-en.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_cannot_download_a_signed_document(client):
    document = AgreementDocumentFactory()
    response = client.get(document.get_download_url())
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("group", [roles.COMMUNICATIONS, roles.EXCHANGE_COORDINATORS])
def test_other_groups_cannot_download_a_signed_document(client, group):
    client.force_login(staff(group))
    document = AgreementDocumentFactory()
    assert client.get(document.get_download_url()).status_code == 403


@pytest.mark.parametrize("group", [roles.COMMUNICATIONS, roles.EXCHANGE_COORDINATORS])
def test_other_groups_cannot_change_an_agreement(client, group):
    client.force_login(staff(group))
    agreement = AgreementFactory(outbound_seats=2)
    change_url = reverse("admin:partners_agreement_change", args=[agreement.pk])
    data = document_formset(agreement, "")
    data["outbound_seats"] = 9
    client.post(change_url, data)
    agreement.refresh_from_db()
    assert agreement.outbound_seats == 2


@pytest.mark.parametrize("group", [roles.COMMUNICATIONS, roles.EXCHANGE_COORDINATORS])
def test_other_groups_cannot_import_agreements(client, group):
    client.force_login(staff(group))
    assert client.get(reverse("admin:partners_agreement_import")).status_code == 403


def test_communications_editor_cannot_prepare_a_renewal(client):
    client.force_login(staff(roles.COMMUNICATIONS))
    agreement = AgreementFactory()
    client.post(
        reverse("admin:partners_agreement_changelist"),
        {"action": "prepare_renewal", "_selected_action": [agreement.pk]},
    )
    assert not agreement.renewals.exists()


def condition_rows(**fields):
    row = {
        "conditions-TOTAL_FORMS": 1,
        "conditions-0-direction": "incoming",
        "conditions-0-mobility_type": "student-studies",
        "conditions-0-first_academic_year": 2026,
        "conditions-0-last_academic_year": 2028,
        "conditions-0-mobilities_per_year": 3,
        "conditions-0-total_months_per_year": "15",
        "conditions-0-subject_areas": "0613,0714",
        "conditions-0-eqf_levels": "6,7",
        "conditions-0-language_skills": "en:B2, zh:A2",
    }
    return {**row, **{f"conditions-0-{name}": value for name, value in fields.items()}}


def test_editor_adds_a_cooperation_condition(client, editor):
    agreement = AgreementFactory()
    data = {**document_formset(agreement, ""), "documents-TOTAL_FORMS": 0, **condition_rows()}
    response = client.post(reverse("admin:partners_agreement_change", args=[agreement.pk]), data)
    assert response.status_code == 302
    condition = agreement.conditions.get()
    assert condition.subject_areas == ["0613", "0714"] and condition.eqf_levels == [6, 7]
    assert condition.academic_years == ["2026/2027", "2027/2028", "2028/2029"]
    assert condition.language_skill_pairs() == [("en", "B2"), ("zh", "A2")]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("subject_areas", "61x", "An ISCED-F code has 2 to 4 digits"),
        ("eqf_levels", "4", "EQF levels of higher education are 5 to 8"),
        ("language_skills", "English B2", "Write each language as code:level"),
        ("last_academic_year", "2020", "last academic year"),
    ],
)
def test_cooperation_condition_refuses_bad_values_and_keeps_them(client, editor, field, value, message):
    agreement = AgreementFactory()
    data = {**document_formset(agreement, ""), "documents-TOTAL_FORMS": 0, **condition_rows(**{field: value})}
    response = client.post(reverse("admin:partners_agreement_change", args=[agreement.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert value in response.content.decode()
    assert not agreement.conditions.exists()


def test_partnerships_group_holds_change_permission_on_agreements():
    user = staff(roles.PARTNERSHIPS)
    assert user.has_perm("partners.change_agreement") and user.has_perm("partners.change_agreementdocument")
    assert Permission.objects.filter(codename="view_historicalagreement").exists()


def test_agreement_history_page_lists_changes(client, editor):
    agreement = AgreementFactory(outbound_seats=2)
    data = document_formset(agreement, "")
    data["outbound_seats"] = 6
    data["documents-TOTAL_FORMS"] = 0
    client.post(reverse("admin:partners_agreement_change", args=[agreement.pk]), data)
    record = agreement.history.first()
    assert record.history_user == editor and record.outbound_seats == 6
    response = client.get(reverse("admin:partners_agreement_history", args=[agreement.pk]))
    assert response.status_code == 200 and editor.username in response.content.decode()


def test_signed_documents_list_links_each_download(client, editor):
    document = AgreementDocumentFactory(title="Signed copy, Chinese version")
    body = client.get(reverse("admin:partners_agreementdocument_changelist")).content.decode()
    assert "Signed copy, Chinese version" in body and document.get_download_url() in body


def test_document_history_is_visible_in_the_admin(client, editor):
    document = AgreementDocumentFactory(title="First title")
    document.title = "Second title"
    document.save()
    response = client.get(reverse("admin:partners_agreementdocument_history", args=[document.pk]))
    assert response.status_code == 200 and document.history.count() == 2


def test_agreement_and_document_pages_render_with_a_private_file(client, editor):
    document = AgreementDocumentFactory()
    agreement_page = client.get(reverse("admin:partners_agreement_change", args=[document.agreement.pk]))
    document_page = client.get(reverse("admin:partners_agreementdocument_change", args=[document.pk]))
    assert agreement_page.status_code == 200 and document_page.status_code == 200
    assert document.file.name not in agreement_page.content.decode()


def test_partner_changelist_filters_by_region_and_agreement_in_force(client, editor):
    lyon = AgreementFactory(partner=PartnerUniversityFactory(country="FR")).partner
    PartnerUniversityFactory(country="FR")  # no agreement
    AgreementFactory(partner=PartnerUniversityFactory(country="JP"))
    response = client.get(reverse("admin:partners_partneruniversity_changelist"), {"region": "europe", "in_force": "yes"})
    assert list(response.context["cl"].result_list) == [lyon]


def test_partner_changelist_counts_only_agreements_in_force(client, editor):
    partner = PartnerUniversityFactory()
    AgreementFactory.create_batch(2, partner=partner)
    AgreementFactory(partner=partner, ends_on=days(-1))  # expired
    PartnerUniversityFactory()  # none at all
    response = client.get(reverse("admin:partners_partneruniversity_changelist"))
    counts = {row.pk: row.active_agreement_count for row in response.context["cl"].result_list}
    assert counts[partner.pk] == 2 and sorted(counts.values()) == [0, 2]


def test_partner_changelist_names_countries_and_sorts_by_them(client, editor):
    japan = PartnerUniversityFactory(country="JP", name_en="A university in Japan")
    germany = PartnerUniversityFactory(country="DE", name_en="B university in Germany")
    changelist = reverse("admin:partners_partneruniversity_changelist")
    body = client.get(changelist).content.decode()
    assert '<td class="field-country_name">Japan</td>' in body
    assert '<td class="field-country_name">Germany</td>' in body
    column = client.get(changelist).context["cl"].list_display.index("country_name")
    by_country = client.get(changelist, {"o": str(column)}).context["cl"].result_list
    assert list(by_country) == [germany, japan]
