import pytest
from django.urls import reverse

from incoming.models import IncomingApplication, IncomingDocument, NominationLink
from tests.core import users
from tests.incoming.conftest import pdf_text, pdf_upload
from tests.incoming.factories import IncomingApplicationFactory, NominationLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    client.force_login(users.staff(username="coordinator", groups=["Exchange coordinators"]))
    return client


def test_admin_shows_the_link_and_rotating_it_breaks_the_old_one(coordinator_client):
    link = NominationLinkFactory()
    old_url = link.get_absolute_url()
    page = coordinator_client.get(reverse("admin:incoming_nominationlink_change", args=[link.pk]))
    assert old_url in page.text
    coordinator_client.post(
        reverse("admin:incoming_nominationlink_changelist"), {"action": "rotate", "_selected_action": [link.pk]}
    )
    link.refresh_from_db()
    assert link.get_absolute_url() != old_url and link.rotated_at is not None
    coordinator_client.logout()
    assert coordinator_client.get(old_url).status_code == 404


def test_coordinator_accepts_through_the_status_page_and_downloads_the_letter(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    application = IncomingApplicationFactory(status=IncomingApplication.Status.UNDER_REVIEW, wanted_department_id="CS")
    url = reverse("admin:incoming_incomingapplication_status", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"to_status": "accepted", "note": "Welcome"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "accepted"
    assert application.mobility_record.direction == "incoming"
    letter = coordinator_client.get(reverse("admin:incoming_incomingapplication_letter", args=[application.pk]))
    assert letter["Content-Disposition"].startswith("attachment")
    assert application.reference in pdf_text(letter.content)
    assert mailoutbox[-1].to == [application.email]


def test_status_page_refuses_a_transition_the_table_does_not_allow(coordinator_client):
    application = IncomingApplicationFactory()
    url = reverse("admin:incoming_incomingapplication_status", args=[application.pk])
    response = coordinator_client.post(url, {"to_status": "accepted"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    application.refresh_from_db()
    assert application.status == "nominated"


def test_documents_download_only_for_staff_with_the_permission(client):
    application = IncomingApplicationFactory()
    document = IncomingDocument.objects.create(application=application, kind="passport", file=pdf_upload(), size=10)
    url = document.get_download_url()
    client.force_login(users.staff(username="comms", groups=["Communications"]))
    assert client.get(url).status_code == 403
    client.force_login(users.staff(username="coord", groups=["Exchange coordinators"]))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert application.reference in response["Content-Disposition"]


def test_nomination_log_is_read_only(coordinator_client):
    assert coordinator_client.get(reverse("admin:incoming_nominationlogentry_add")).status_code == 403
    assert NominationLink.objects.count() == 0
