import pytest
from django.urls import reverse
from django.utils import translation

from incoming.models import FactSheet
from tests.incoming.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet():
    sheet = FactSheet.get_solo()
    sheet.housing_info_en = "Rooms in the international dormitory."
    sheet.housing_info_zh_hant = "國際宿舍房間。"
    sheet.visa_info_en = "Resident visa for stays over 90 days."
    sheet.visa_info_zh_hant = "停留超過九十天需居留簽證。"
    sheet.autumn_nomination_deadline = "04-20"
    sheet.decision_weeks = 6
    sheet.save()
    return sheet


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", ["Rooms in the international dormitory.", "04-20", "6 weeks"]), ("zh-hant", ["國際宿舍房間。", "04-20", "6 週"])],
)
def test_fact_sheet_page_in_both_languages(client, sheet, language, expected):
    with translation.override(language):
        url = reverse("incoming:factsheet")
    response = client.get(url)
    assert response.status_code == 200
    for text in expected:
        assert text in response.text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Fact sheet for exchange students", "Rooms in the international dormitory.", "Resident visa"]),
        ("zh-hant", ["交換學生須知", "國際宿舍房間。", "停留超過九十天需居留簽證。", "截止日期"]),
    ],
)
def test_fact_sheet_pdf_text_in_both_languages(client, sheet, language, expected):
    with translation.override(language):
        url = reverse("incoming:factsheet-pdf")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for fragment in expected:
        assert fragment in text, fragment


def test_fact_sheet_page_runs_no_query_once_cached(client, sheet, django_assert_num_queries):
    client.get(reverse("incoming:factsheet"))
    with django_assert_num_queries(0):  # site settings and fact sheet come from the cache
        client.get(reverse("incoming:factsheet"))


def test_deadline_must_be_a_month_and_day(sheet):
    from django.core.exceptions import ValidationError

    sheet.spring_nomination_deadline = "13-40"
    with pytest.raises(ValidationError):
        sheet.full_clean()


def test_fact_sheet_pdf_is_built_once_and_rebuilt_by_a_job_when_the_sheet_changes(
    client, sheet, monkeypatch, django_capture_on_commit_callbacks
):
    from incoming import letters

    built = []
    real = letters.fact_sheet
    monkeypatch.setattr(letters, "fact_sheet", lambda sheet, language: built.append(language) or real(sheet, language))
    with translation.override("en"):
        url = reverse("incoming:factsheet-pdf")
    first = client.get(url, HTTP_COOKIE="sessionid=anything")  # past the page cache, as a logged-in visitor is
    assert client.get(url, HTTP_COOKIE="sessionid=anything").content == first.content
    assert built == ["en"]
    with django_capture_on_commit_callbacks(execute=True):
        sheet.housing_info_en = "Rooms in the new dormitory."
        sheet.save()
    assert sorted(built[1:]) == ["en", "zh-hant"]  # the worker's rebuild, both languages
    assert "Rooms in the new dormitory." in pdf_text(client.get(url, HTTP_COOKIE="sessionid=anything").content)
    assert len(built) == 3
