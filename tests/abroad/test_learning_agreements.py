"""A learning agreement from the status page to recognised credits, department approvers' least privilege."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from pypdf import PdfReader

from abroad import services
from abroad.models import CourseEquivalence, LearningAgreementVersion, Recognition
from abroad.now import rows
from core.roles import DEPARTMENT_APPROVERS, EXCHANGE_COORDINATORS
from exchanges.models import ChecklistAnswer, ChecklistItem
from privacy.models import AccessLogEntry
from tests.abroad.factories import COURSES, abroad_now, accepted_application, approved_agreement
from tests.core import users
from tests.exchanges.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def course_post(**extra):
    data = {
        "action": "propose",
        "course-TOTAL_FORMS": "8",
        "course-INITIAL_FORMS": "0",
        "course-MIN_NUM_FORMS": "0",
        "course-MAX_NUM_FORMS": "20",
        "note": "",
    }
    data.update(
        {
            "course-0-host_code": "CS501",
            "course-0-host_title": "Machine Learning",
            "course-0-host_credits": "6",
            "course-0-home_code": "CSIE3012",
            "course-0-home_title": "Artificial Intelligence",
            "course-0-home_credits": "3",
            "course-1-host_code": "JP101",
            "course-1-host_title": "Japanese I",
            "course-1-host_credits": "4",
            "course-1-home_credits": "2",
        }
    )
    data.update(extra)
    return data


def approver(department="EE", username="ee-approver"):
    user = users.staff(username=username, groups=[DEPARTMENT_APPROVERS])
    user.department_roles.create(department_id=department)
    return user


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_status_page_links_an_accepted_student_to_the_stay_abroad_page(client):
    application = accepted_application()
    page = client.get(application.get_status_url()).content.decode()
    assert f"/abroad/students/{application.token}/" in page


def test_student_proposes_from_the_private_page_and_every_version_is_kept(client):
    application = accepted_application()
    url = f"/en/abroad/students/{application.token}/"
    response = client.post(url, course_post(note="Plan A"))
    assert response.status_code == 302
    version = LearningAgreementVersion.objects.get()
    assert [line.home_label() for line in version.courses.all()] == [
        "CSIE3012 Artificial Intelligence",
        "Elective credits",
    ]
    # While it waits, no second proposal.
    assert client.post(url, course_post()).status_code == 400
    services.decide(version, approve=False, comment="Take a Japanese course at level II.")
    assert "Take a Japanese course at level II." in mail.outbox[-1].body if mail.outbox else True
    page = client.get(url).content.decode()
    assert "Take a Japanese course at level II." in page and "Returned for changes" in page
    assert client.post(url, course_post(**{"course-1-host_title": "Japanese II"})).status_code == 302
    assert list(LearningAgreementVersion.objects.values_list("number", "status").order_by("number")) == [
        (1, "returned"),
        (2, "proposed"),
    ]


def test_a_half_filled_course_row_keeps_what_was_typed(client):
    application = accepted_application()
    response = client.post(f"/en/abroad/students/{application.token}/", course_post(**{"course-2-host_code": "X9"}))
    assert response.status_code == 400
    assert 'value="X9"' in response.content.decode()
    assert not LearningAgreementVersion.objects.exists()


def test_returning_needs_a_comment():
    version = services.propose(accepted_application(), COURSES)
    with pytest.raises(services.AbroadError):
        services.decide(version, approve=False, comment=" ")


def test_approver_sees_and_decides_only_their_own_departments_students():
    ours = services.propose(accepted_application(department="EE"), COURSES)
    theirs = services.propose(accepted_application(department="ME"), COURSES)
    client = Client()
    client.force_login(approver("EE"))
    listing = client.get("/admin/abroad/learningagreement/").content.decode()
    assert ours.agreement.application.reference in listing
    assert theirs.agreement.application.reference not in listing
    assert client.get(f"/admin/abroad/learningagreement/versions/{theirs.pk}/decide/").status_code == 404
    assert (
        client.post(f"/admin/abroad/learningagreement/versions/{theirs.pk}/decide/", {"approve": "1"}).status_code
        == 404
    )
    response = client.post(
        f"/admin/abroad/learningagreement/versions/{ours.pk}/decide/", {"approve": "1", "comment": ""}
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.status, theirs.status) == ("approved", "proposed")


def test_approver_without_departments_sees_nobody():
    services.propose(accepted_application(department="EE"), COURSES)
    client = Client()
    client.force_login(users.staff(username="nobody-approver", groups=[DEPARTMENT_APPROVERS]))
    assert "OIA-" not in client.get("/admin/abroad/learningagreement/").content.decode()


def test_learning_agreement_pdf_has_english_and_chinese_text(client):
    application = accepted_application(name_zh="陳宇婷")
    approved_agreement(application)
    response = client.get(f"/en/abroad/students/{application.token}/learning-agreement.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Learning Agreement" in text and "學習協議書" in text
    assert "Machine Learning" in text and "陳宇婷" in text and "電機工程系" in text


def test_from_proposal_to_recognition(client):
    application = accepted_application()
    record = abroad_now(application)
    version = approved_agreement(application)
    url = f"/en/abroad/students/{application.token}/"
    assert (
        client.post(url, {"action": "transcript", "transcript": pdf_upload(text="Host transcript")}).status_code == 302
    )
    recognition = Recognition.objects.get()
    assert recognition.status == "received" and recognition.transcript
    with pytest.raises(AttributeError):
        _ = recognition.transcript.url  # private: no address
    staff = Client()
    staff.force_login(approver("EE", "ee-2"))
    download = staff.get(f"/admin/abroad/recognition/{recognition.pk}/transcript/")
    assert download["Content-Disposition"].startswith("attachment")
    lines = list(version.courses.all())
    form = {
        f"grade-{lines[0].pk}": "1.3",
        f"credits-{lines[0].pk}": "3",
        f"grade-{lines[1].pk}": "B",
        f"credits-{lines[1].pk}": "2",
    }
    assert staff.post(f"/admin/abroad/recognition/{recognition.pk}/recognise/", form).status_code == 302
    recognition.refresh_from_db()
    record.refresh_from_db()
    assert recognition.status == "recognised"
    assert record.credits_recognised == Decimal("5")
    library = CourseEquivalence.objects.order_by("host_code")
    assert [(row.host_code, row.home_credits, row.department_id) for row in library] == [
        ("CS501", Decimal("3"), "EE"),
        ("JP101", Decimal("2"), "EE"),
    ]
    text = pdf_text(client.get(f"/en/abroad/students/{application.token}/recognition.pdf").content)
    assert "Credit Recognition" in text and "學分抵免表" in text and "1.3" in text
    staff_pdf = staff.get(f"/admin/abroad/recognition/{recognition.pk}/recognition.pdf")
    assert staff_pdf.status_code == 200
    page = client.get(url).content.decode()
    assert "Your credits are recognised: 5.0 in all." in page


def test_other_departments_transcript_is_not_sent():
    application = accepted_application(department="ME")
    approved_agreement(application)
    recognition = services.upload_transcript(application, pdf_upload())
    staff = Client()
    staff.force_login(approver("EE", "ee-3"))
    assert staff.get(f"/admin/abroad/recognition/{recognition.pk}/transcript/").status_code == 404


def test_wrong_private_link_is_the_ordinary_404(client):
    assert client.get("/en/abroad/students/not-a-token/").status_code == 404


def test_abroad_now_shows_emergency_contacts_only_to_roles_that_need_them():
    application = accepted_application()
    abroad_now(application)
    item = ChecklistItem.objects.create(
        call=application.call, kind="fact", title="Emergency contact", due_on="2026-01-01"
    )
    ChecklistAnswer.objects.create(application=application, item=item, text="Mother +886 912 345 678")
    assert rows(with_contacts=True)[0].emergency_contact == "Mother +886 912 345 678"
    coordinator = Client()
    coordinator.force_login(users.staff(username="coord", groups=[EXCHANGE_COORDINATORS]))
    assert "+886 912 345 678" in coordinator.get("/admin/abroad/abroadmessage/now/").content.decode()
    # Looking at the list of people abroad is logged like any view of personal data.
    looked = AccessLogEntry.objects.get(username="coord", action=AccessLogEntry.Action.VIEW)
    assert (looked.rows, looked.path) == (1, "/admin/abroad/abroadmessage/now/")
    department = Client()
    department.force_login(approver("EE", "ee-4"))
    page = department.get("/admin/abroad/abroadmessage/now/").content.decode()
    assert application.nominated_programme.partner.name in page
    assert "+886 912 345 678" not in page
    export = department.get("/admin/abroad/abroadmessage/now/export/")
    assert "+886" not in export.content.decode("utf-8-sig")
    other = Client()
    other.force_login(approver("ME", "me-1"))
    assert (
        application.nominated_programme.partner.name
        not in other.get("/admin/abroad/abroadmessage/now/").content.decode()
    )


def test_message_to_a_country_goes_through_the_outbox_and_is_logged(django_capture_on_commit_callbacks):
    from abroad.models import AbroadMessage
    from outbox.models import Message
    from outbox.services import prepare_batch

    here = accepted_application()
    abroad_now(here)
    elsewhere = accepted_application()
    elsewhere.nominated_programme.partner.country = "US"
    elsewhere.nominated_programme.partner.save()
    abroad_now(elsewhere)
    coordinator = Client()
    coordinator.force_login(users.staff(username="coord-2", groups=[EXCHANGE_COORDINATORS]))
    country = here.nominated_programme.partner.country.code
    response = coordinator.post(
        "/admin/abroad/abroadmessage/now/",
        {
            "country": country,
            "city": "",
            "subject": "Earthquake",
            "body": "Are you safe? Reply to this e-mail.",
        },
    )
    assert response.status_code == 302
    message = AbroadMessage.objects.get()
    assert message.recipient_count == 1 and message.batch is not None
    prepare_batch(message.batch.pk)
    sent = Message.objects.filter(batch=message.batch)
    assert [m.recipient for m in sent] == [here.email]
    assert "Are you safe?" in sent[0].body
    department = Client()
    department.force_login(approver("EE", "ee-5"))
    assert (
        department.post(
            "/admin/abroad/abroadmessage/now/", {"country": country, "subject": "x", "body": "y"}
        ).status_code
        == 403
    )
