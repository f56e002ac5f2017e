"""The course library and the reports on partner and programme pages, the library page, search and feeds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abroad.models import ExperienceReport
from tests.abroad.factories import accepted_application, library_row, published_report
from tests.helpers import forget_kept_parts

pytestmark = pytest.mark.django_db


def queries(client, path):
    client.get(path)  # warm caches (site settings, countries)
    forget_kept_parts("call-opening", "programme-offers")  # the sections drawn, not read back
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response


def fill(partner, programme, times):
    for index in range(times):
        library_row(partner, programme=programme, host_code=f"H{index:03d}", department_id="EE" if index % 2 else "ME")
    for _index in range(times):
        published_report(accepted_application(partner=partner))


@pytest.mark.parametrize("page", ["partner", "programme"])
def test_pages_keep_a_constant_number_of_queries_with_library_and_reports(client, page):
    application = accepted_application()
    programme = application.nominated_programme
    partner = programme.partner
    path = partner.get_absolute_url() if page == "partner" else programme.get_absolute_url()
    fill(partner, programme, 1)
    once, response = queries(client, path)
    assert "H000" in response.content.decode()
    fill(partner, programme, 9)  # ×10 of the library and of the reports
    tenfold, response = queries(client, path)
    assert tenfold == once
    assert once == {"partner": 7, "programme": 6}[page]
    assert "Courses recognised before" in response.content.decode()


def test_library_filters_by_department_and_shows_no_student(client):
    application = accepted_application()
    partner = application.nominated_programme.partner
    library_row(partner, host_code="EE101", department_id="EE")
    library_row(partner, host_code="ME101", department_id="ME")
    page = client.get("/en/abroad/courses/?department=ME").content.decode()
    assert "ME101" in page and "EE101" not in page
    assert application.name_en not in page


def test_library_on_a_partner_page_in_chinese(client):
    application = accepted_application()
    partner = application.nominated_programme.partner
    library_row(partner, host_code="EE101", department_id="EE")
    page = client.get(partner.get_absolute_url().replace("/en/", "/zh-hant/")).content.decode()
    assert "EE101" in page and "電機工程系" in page


def test_only_published_consented_reports_are_shown_and_fed(client):
    shown = published_report(accepted_application(), title="Shown report")
    hidden = published_report(accepted_application(), title="Waiting report")
    ExperienceReport.objects.filter(pk=hidden.pk).update(status="submitted", published_at=None)
    listing = client.get("/en/abroad/reports/").content.decode()
    assert "Shown report" in listing and "Waiting report" not in listing
    assert client.get(f"/en/abroad/reports/{hidden.pk}/").status_code == 404
    for feed in ("rss", "atom"):
        content = client.get(f"/en/abroad/reports/{feed}/").content.decode()
        assert "Shown report" in content and "Waiting report" not in content
    assert shown.application.name_en in client.get(shown.get_absolute_url()).content.decode()  # the name, by choice


def test_name_is_hidden_unless_chosen(client):
    report = published_report(accepted_application(), show_name=False)
    page = client.get(report.get_absolute_url()).content.decode()
    assert report.application.name_en not in page and "A returning student" in page


def test_search_finds_library_courses_and_reports(client):
    application = accepted_application()
    library_row(application.nominated_programme.partner, host_title="Quantum Widgetry")
    published_report(application, title="Snow in Sapporo", body="Hokkaido winters are long.")
    assert "Quantum Widgetry" in client.get("/en/search/?q=widgetry").content.decode()
    assert "Snow in Sapporo" in client.get("/en/search/?q=hokkaido").content.decode()


def test_report_from_the_private_page_goes_to_moderation(client):
    from tests.abroad.factories import abroad_now
    from tests.exchanges.conftest import png_upload

    application = accepted_application()
    abroad_now(application)
    url = f"/en/abroad/students/{application.token}/"
    response = client.post(
        url,
        {
            "action": "report",
            "title": "<b>Kyoto</b>",
            "language": "en",
            "body": "Plain & simple <script>x</script>",
            "consent": "on",
            "photo": png_upload("p.png"),
        },
    )
    assert response.status_code == 302
    report = ExperienceReport.objects.get()
    assert report.status == "submitted" and report.photos.count() == 1
    assert client.get(report.get_absolute_url()).status_code == 404
    from abroad.services import moderate

    moderate([report], publish=True)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Kyoto&lt;/b&gt;" in page and "<script>x" not in page
