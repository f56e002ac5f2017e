import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import roles
from partners.models import Agreement, PartnerUniversity
from partners.resources import AgreementResource, PartnerResource
from tests.core.factories import StaffUserFactory
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db

PARTNER_HEADERS = ["slug", "name_en", "name_zh_hant", "country", "city_en", "is_published"]


def partner_rows(*rows):
    return tablib.Dataset(*rows, headers=PARTNER_HEADERS)


def test_partner_import_with_one_bad_row_saves_nothing():
    dataset = partner_rows(
        ("good-one", "Good One University", "好一大學", "JP", "Kyoto", "1"),
        ("bad-country", "Bad Country University", "壞國大學", "XX", "Nowhere", "1"),
        ("good-two", "Good Two University", "好二大學", "FR", "Lyon", "1"),
    )
    result = PartnerResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    assert not PartnerUniversity.objects.exists()


def test_agreement_import_with_an_unknown_partner_saves_nothing():
    partner = PartnerUniversityFactory(slug="kyoto")
    dataset = tablib.Dataset(
        ("", "kyoto", "student-exchange", "2025-01-01", "2025-02-01", "2030-01-31", "2", "2"),
        ("", "no-such-partner", "student-exchange", "2025-01-01", "2025-02-01", "2030-01-31", "2", "2"),
        headers=["id", "partner", "kind", "signed_on", "starts_on", "ends_on", "outbound_seats", "inbound_seats"],
    )
    result = AgreementResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_errors() or result.has_validation_errors()
    assert not Agreement.objects.filter(partner=partner).exists()


def test_agreement_import_refuses_an_end_before_the_start():
    PartnerUniversityFactory(slug="kyoto")
    dataset = tablib.Dataset(
        ("", "kyoto", "student-exchange", "2025-01-01", "2025-02-01", "2024-01-31", "2", "2"),
        headers=["id", "partner", "kind", "signed_on", "starts_on", "ends_on", "outbound_seats", "inbound_seats"],
    )
    result = AgreementResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_errors() or result.has_validation_errors()
    assert not Agreement.objects.exists()


def test_partner_export_and_import_round_trip_leaves_data_unchanged():
    PartnerUniversityFactory(slug="kyoto", name_en="Kyoto University", name_zh_hant="京都大學", country="JP")
    PartnerUniversityFactory(slug="lyon", name_en="Lyon University", name_zh_hant="里昂大學", country="FR")
    exported = PartnerResource().export()
    PartnerUniversity.objects.filter(slug="lyon").delete()
    PartnerUniversity.objects.filter(slug="kyoto").update(name_zh_hant="改名")
    result = PartnerResource().import_data(tablib.Dataset().load(exported.csv, format="csv"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert dict(PartnerUniversity.objects.values_list("slug", "name_zh_hant")) == {"kyoto": "京都大學", "lyon": "里昂大學"}


def test_agreement_export_round_trip_through_excel():
    agreement = AgreementFactory(outbound_seats=5, subject_areas="Design")
    exported = AgreementResource().export()
    Agreement.objects.filter(pk=agreement.pk).update(outbound_seats=1)
    dataset = tablib.Dataset().load(exported.xlsx, format="xlsx")
    result = AgreementResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    agreement.refresh_from_db()
    assert (agreement.outbound_seats, agreement.subject_areas) == (5, "Design")


def test_admin_import_preview_shows_row_errors_and_saves_nothing(client):
    user = StaffUserFactory(groups=[roles.PARTNERSHIPS])
    user.save()
    client.force_login(user)
    csv = "slug,name_en,country,is_published\ngood,Good University,JP,1\nbad,Bad University,XX,1\n"
    upload = SimpleUploadedFile("partners.csv", csv.encode(), content_type="text/csv")
    response = client.post(
        reverse("admin:partners_partneruniversity_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "XX" in body and "errors" in body.lower()
    assert 'name="confirm' not in body  # no way to confirm a file with errors
    assert not PartnerUniversity.objects.exists()


def test_admin_export_offers_csv_and_excel(client):
    user = StaffUserFactory(groups=[roles.PARTNERSHIPS])
    user.save()
    client.force_login(user)
    AgreementFactory()
    columns = {f"agreementresource_{name}": "on" for name in ("id", "partner", "kind", "ends_on")}
    response = client.post(reverse("admin:partners_agreement_export"), {"resource": "0", "format": "1", **columns})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


# --- Who may export, and what (issue 11, findings 1 and 3) -------------------------------------


def logged_in(client, groups=()):
    user = StaffUserFactory(groups=list(groups))
    user.save()
    client.force_login(user)
    return user


# Communications may view partner universities (to pick them for events), so it may export
# them as it may list them; agreements it may not view, so not export either.
@pytest.mark.parametrize(
    ("groups", "url_name"),
    [
        ((), "admin:partners_partneruniversity_export"),
        ((), "admin:partners_agreement_export"),
        ((roles.COMMUNICATIONS,), "admin:partners_agreement_export"),
    ],
    ids=["no group-partners", "no group-agreements", "communications-agreements"],
)
def test_export_needs_the_models_view_permission(client, groups, url_name):
    AgreementFactory(internal_notes="Budget cut: do not renew")
    PartnerUniversityFactory(is_published=False, name_en="Secret Draft University")
    logged_in(client, groups)
    prefix = "partneruniversity" if "partner" in url_name.split("_")[1] else "agreement"
    assert client.get(reverse(url_name)).status_code == 403
    response = client.post(reverse(url_name), {"resource": "0", "format": "0", f"{prefix}resource_id": "on"})
    assert response.status_code == 403
    assert b"Secret Draft" not in response.content and b"Budget cut" not in response.content


def export_everything(client, url_name, file_format="0"):
    """Post the admin's export form with every column it offers ticked."""
    page = client.get(reverse(url_name)).content.decode()
    columns = dict.fromkeys(set(re.findall(r'name="(\w+resource_\w+)"', page)), "on")
    assert columns, "the export form offers no column"
    return client.post(reverse(url_name), {"resource": "0", "format": file_format, **columns})


def export_agreements(client, file_format="0"):
    return export_everything(client, "admin:partners_agreement_export", file_format)


def test_coordinators_export_agreements_without_internal_notes(client):
    AgreementFactory(internal_notes="Budget cut: do not renew", subject_areas="Design")
    logged_in(client, [roles.EXCHANGE_COORDINATORS])
    response = export_agreements(client)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Design" in text
    assert "Budget cut" not in text and "internal_notes" not in text


def test_partnerships_export_agreements_with_internal_notes(client):
    AgreementFactory(internal_notes="Budget cut: do not renew")
    logged_in(client, [roles.PARTNERSHIPS])
    assert "Budget cut" in export_agreements(client).content.decode("utf-8-sig")


def test_coordinators_see_no_internal_notes_on_the_change_page_or_in_its_history(client):
    agreement = AgreementFactory(internal_notes="first secret")
    agreement.internal_notes = "second secret"
    agreement.save()
    logged_in(client, [roles.EXCHANGE_COORDINATORS])
    change = client.get(reverse("admin:partners_agreement_change", args=[agreement.pk]))
    history = client.get(reverse("admin:partners_agreement_history", args=[agreement.pk]))
    version = agreement.history.earliest().history_id
    old = client.get(reverse("admin:partners_agreement_simple_history", args=[agreement.pk, version]))
    for response in (change, history, old):
        assert response.status_code == 200
        assert b"secret" not in response.content


def test_partnerships_read_internal_notes_on_the_change_page(client):
    agreement = AgreementFactory(internal_notes="first secret")
    logged_in(client, [roles.PARTNERSHIPS])
    assert b"first secret" in client.get(reverse("admin:partners_agreement_change", args=[agreement.pk])).content


@pytest.mark.parametrize(("file_format", "read"), [("0", "csv"), ("1", "xlsx")])
def test_partner_and_agreement_exports_have_no_live_formula(client, file_format, read):
    AgreementFactory(subject_areas='=HYPERLINK("http://evil","x")', internal_notes="@SUM(1)",
                     partner=PartnerUniversityFactory(name_en="+1+1", name_zh_hant="國立台南大學"))
    logged_in(client, [roles.PARTNERSHIPS])
    for response in (
        export_agreements(client, file_format),
        export_everything(client, "admin:partners_partneruniversity_export", file_format),
    ):
        assert response.status_code == 200
        cells = spreadsheet_cells(response.content, read)
        assert cells, "the export is empty"
        assert not [cell for cell in cells if cell.live_formula], cells


class Cell:
    def __init__(self, value, live_formula):
        self.value, self.live_formula = value, live_formula

    def __repr__(self):
        return repr(self.value)


def spreadsheet_cells(content, read):
    import csv
    import io

    import openpyxl

    if read == "csv":
        assert content.startswith(b"\xef\xbb\xbf"), "CSV without a BOM: Excel garbles Chinese"
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        return [Cell(value, value[:1] in ("=", "+", "-", "@", "\t", "\r")) for row in rows[1:] for value in row]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [Cell(c.value, c.data_type == "f") for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]


AGREEMENT_HEADERS = ["id", "partner", "kind", "signed_on", "starts_on", "ends_on", "outbound_seats", "inbound_seats"]


def agreement_file_with_bad_rows():
    return tablib.Dataset(
        ("", "kyoto", "student-exchange", "2025-01-01", "2025-02-01", "2030-01-31", "2", "2"),
        ("", "kyoto", "student-exchange", "2025-01-01", "2025-02-01", "2024-01-31", "2", "2"),
        ("", "no-such-partner", "student-exchange", "2025-01-01", "2025-02-01", "2030-01-31", "2", "2"),
        ("", "kyoto", "student-exchange", "2025-01-01", "2025-02-31", "2030-01-31", "2", "x"),
        headers=AGREEMENT_HEADERS,
    )


def test_agreement_import_reports_every_bad_row_by_row_and_column_in_staff_words():
    from partners.resources import import_error_lines

    PartnerUniversityFactory(slug="kyoto")
    result = AgreementResource().import_data(agreement_file_with_bad_rows(), dry_run=False, rollback_on_validation_errors=True)
    # Row 1 is the header, as in a spreadsheet.
    assert import_error_lines(result) == [
        "Row 3, column ends_on: The end date is before the start date.",
        "Row 4, column partner: No partner university has the slug “no-such-partner”.",
        "Row 5, column starts_on: “2025-02-31” is not a date: write it as YYYY-MM-DD, e.g. 2027-01-31.",
        "Row 5, column inbound_seats: “x” is not a whole number.",
    ]
    assert not Agreement.objects.exists()


def test_admin_agreement_import_lists_every_bad_row_without_constraint_names(client):
    PartnerUniversityFactory(slug="kyoto")
    user = StaffUserFactory(groups=[roles.PARTNERSHIPS])
    user.save()
    client.force_login(user)
    upload = SimpleUploadedFile("agreements.csv", agreement_file_with_bad_rows().csv.encode(), content_type="text/csv")
    response = client.post(reverse("admin:partners_agreement_import"), {"resource": "0", "format": "0", "import_file": upload})
    body = response.content.decode()
    assert "The file has 4 errors; nothing was imported." in body
    assert "Row 3, column ends_on: The end date is before the start date." in body
    assert "Row 4, column partner:" in body and "Row 5, column starts_on:" in body
    assert "agreement_ends_not_before_start" not in body and "Constraint" not in body and "Traceback" not in body
    assert not Agreement.objects.exists()


def test_admin_agreement_import_errors_are_in_chinese_for_chinese_staff(client):
    PartnerUniversityFactory(slug="kyoto")
    user = StaffUserFactory(groups=[roles.PARTNERSHIPS])
    user.save()
    client.force_login(user)
    upload = SimpleUploadedFile("agreements.csv", agreement_file_with_bad_rows().csv.encode(), content_type="text/csv")
    response = client.post(
        reverse("admin:partners_agreement_import"),
        {"resource": "0", "format": "0", "import_file": upload},
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )
    body = response.content.decode()
    assert "第 3 列，欄位 ends_on：結束日期早於開始日期。" in body
