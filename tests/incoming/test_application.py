import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import SiteSettings
from exchanges.models import MobilityRecord
from incoming import services
from incoming.models import FactSheet, IncomingApplication, IncomingDocument
from tests.core import users
from tests.incoming.conftest import pdf_text, pdf_upload
from tests.incoming.factories import IncomingApplicationFactory

pytestmark = pytest.mark.django_db
S = IncomingApplication.Status


def application_form(**overrides):
    data = {
        "date_of_birth": "2004-05-06",
        "nationality": "JP",
        "passport_number": "TR1234567",
        "phone": "+81 75 000 0000",
        "wanted_department": "ME",
        "housing": "dormitory",
        "needs_visa": "on",
        "needs_notes": "",
        "passport": pdf_upload("passport.pdf"),
        "transcript": pdf_upload("transcript.pdf"),
    }
    return {**data, **overrides}


def comparable(response, secret):
    content = response.content.replace(secret.encode(), b"SECRET")
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_private_page_shows_the_application_form_to_the_token_holder(client):
    application = IncomingApplicationFactory()
    response = client.get(application.get_private_url())
    assert response.status_code == 200
    assert application.reference in response.text
    assert 'name="passport"' in response.text
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("path", ["/en/incoming/applications/", "/en/incoming/applications//", "/en/incoming/applications/%20/"])
def test_private_page_is_not_reachable_without_its_token(client, path):
    IncomingApplicationFactory()
    assert client.get(path).status_code == 404


def test_wrong_token_answers_the_same_whether_or_not_applications_exist(client):
    token_like = "A" * 43
    empty = client.get(reverse("incoming:application", kwargs={"token": token_like}))
    application = IncomingApplicationFactory()
    other = "B" * 43
    with_data = client.get(reverse("incoming:application", kwargs={"token": other}))
    assert empty.status_code == with_data.status_code == 404
    assert comparable(empty, token_like) == comparable(with_data, other)
    # Nor does a letter or its verification page exist for a wrong secret.
    assert client.get(reverse("incoming:letter", kwargs={"token": application.token[:-1] + "x"})).status_code == 404
    assert client.get(reverse("incoming:verify", kwargs={"code": "0123456789ABCDEF"})).status_code == 404


def test_student_submits_application_with_documents(client, mailoutbox, django_capture_on_commit_callbacks):
    application = IncomingApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(application.get_private_url(), application_form())
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.passport_number == "TR1234567"
    assert application.submitted_at is not None
    assert set(application.documents.values_list("kind", flat=True)) == {"passport", "transcript"}
    assert [c.to_status for c in application.status_changes.all()] == ["submitted"]
    assert len(mailoutbox) == 1


def test_a_document_that_is_not_a_pdf_is_refused_and_nothing_is_saved(client):
    application = IncomingApplicationFactory()
    fake = pdf_upload("transcript.pdf")
    fake.file.write(b"")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        application.get_private_url(),
        application_form(transcript=SimpleUploadedFile("transcript.pdf", b"MZ not a pdf", content_type="application/pdf")),
    )
    assert response.status_code == 400
    assert "This file is not a PDF document." in response.text
    assert "TR1234567" in response.text  # what was typed stays
    application.refresh_from_db()
    assert application.status == S.NOMINATED
    assert not IncomingDocument.objects.exists()



def walk_to_accepted(application, user):
    application.date_of_birth = datetime.date(2004, 5, 6)
    application.wanted_department_id = "ME"
    application.status = S.SUBMITTED
    application.save()
    services.change_status(application, S.UNDER_REVIEW, by=user)
    services.change_status(application, S.ACCEPTED, by=user, note="Welcome to Tainan!")
    application.refresh_from_db()
    return application


def test_acceptance_issues_a_letter_code_and_an_incoming_mobility_record(mailoutbox, django_capture_on_commit_callbacks):
    user = users.staff(username="coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        application = walk_to_accepted(IncomingApplicationFactory(), user)
    assert application.status == S.ACCEPTED
    assert application.letter_code
    record = application.mobility_record
    assert record.direction == MobilityRecord.Direction.INCOMING
    assert (record.partner_id, record.academic_year) == (application.partner_id, application.academic_year)
    assert "Welcome to Tainan!" in mailoutbox[-1].body
    assert [c.to_status for c in application.status_changes.all()] == ["under-review", "accepted"]


def test_withdrawal_after_acceptance_takes_the_mobility_record_back():
    user = users.staff(username="coordinator")
    application = walk_to_accepted(IncomingApplicationFactory(), user)
    services.change_status(application, S.WITHDRAWN, by=user)
    assert not MobilityRecord.objects.exists()


def test_illegal_transition_is_refused():
    application = IncomingApplicationFactory()
    with pytest.raises(services.IllegalTransition):
        services.change_status(application, S.ACCEPTED)
    application.refresh_from_db()
    assert application.status == S.NOMINATED


def test_acceptance_letter_pdf_holds_both_languages(client):
    site = SiteSettings.get_solo()
    site.institution_name_en = "Southern Taiwan University of Science and Technology"
    site.institution_name_zh_hant = "南臺科技大學"
    site.office_name_en = "Office of International Affairs"
    site.office_name_zh_hant = "國際事務處"
    site.save()
    sheet = FactSheet.get_solo()
    sheet.head_of_office_en = "Dr. Mei-Ling Chen"
    sheet.head_of_office_zh_hant = "陳美玲"
    sheet.head_of_office_title_en = "Dean of International Affairs"
    sheet.head_of_office_title_zh_hant = "國際長"
    sheet.save()
    application = walk_to_accepted(IncomingApplicationFactory(partner__name_zh_hant="京都工藝大學"), users.staff(username="c"))
    response = client.get(application.get_letter_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    for expected in (
        "Letter of Acceptance", "入學許可書", "Southern Taiwan University of Science and Technology", "南臺科技大學",
        "國際事務處", "Dr. Mei-Ling Chen", "陳美玲", "國際長", application.reference, application.name, "京都工藝大學",
        "機械工程系", "Department of Mechanical Engineering", application.letter_code,
        application.get_verification_url(),
    ):
        assert expected in text, expected


def test_letter_is_only_for_accepted_students(client):
    application = IncomingApplicationFactory()
    assert client.get(application.get_letter_url()).status_code == 404


def test_verification_page_confirms_a_letter_and_says_when_it_was_withdrawn(client):
    user = users.staff(username="c")
    application = walk_to_accepted(IncomingApplicationFactory(), user)
    response = client.get(application.get_verification_url())
    assert response.status_code == 200
    assert "is valid" in response.text
    services.change_status(application, S.WITHDRAWN, by=user)
    assert "no longer valid" in client.get(application.get_verification_url()).text


def test_accepted_student_completes_the_arrival_checklist(client):
    application = walk_to_accepted(IncomingApplicationFactory(needs_visa=True), users.staff(username="c"))
    page = client.get(application.get_private_url())
    assert "Arrival checklist" in page.text
    arrival = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        application.get_private_url(),
        {
            "housing": "dormitory",
            "insurance_provider": "Tokio Marine",
            "insurance_policy_number": "P-123",
            "visa_letter_requested": "on",
            "arrival_date": arrival.isoformat(),
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.arrival_date == arrival
    assert application.visa_letter_requested
    # The visa letter is done when staff have sent it.
    assert application.checklist_done == 3


def test_arrival_date_in_the_past_is_refused_in_the_students_language(client):
    application = walk_to_accepted(IncomingApplicationFactory(language="zh-hant"), users.staff(username="c"))
    response = client.post(
        application.get_private_url(), {"housing": "dormitory", "arrival_date": "2000-01-01"}
    )
    assert response.status_code == 400
    assert "抵達日期不能是過去的日期" in response.text


def test_private_page_query_count_is_constant(client, django_assert_num_queries):
    application = IncomingApplicationFactory()
    client.get(application.get_private_url())  # warms the site settings and fact sheet caches
    with django_assert_num_queries(4):  # application with partner; its history; its documents; the departments
        client.get(application.get_private_url())


def test_the_letter_is_built_once_by_a_worker_and_then_sent_as_issued(client, django_capture_on_commit_callbacks, monkeypatch):
    from incoming import letters

    with django_capture_on_commit_callbacks(execute=True):  # the job runs once the acceptance is committed
        application = walk_to_accepted(IncomingApplicationFactory(), users.staff(username="c"))
    application.refresh_from_db()
    assert application.letter_pdf and application.letter_pdf.name.startswith("incoming/letters/")
    issued = application.letter_pdf.read()
    assert not letters.issue_acceptance_letter(application.pk)  # a rerun keeps the letter issued

    def no_building(*args, **kwargs):
        raise AssertionError("the letter was built in the request")

    monkeypatch.setattr(letters, "acceptance_letter", no_building)
    response = client.get(application.get_letter_url())
    assert response.status_code == 200 and response.content == issued
    assert application.letter_code in pdf_text(response.content)
