import pytest
from django.core.files.base import ContentFile

from core.demo_images import minimal_pdf
from incoming.models import IncomingApplication, IncomingDocument
from privacy import services
from privacy.models import ErasedRecord
from tests.core import users
from tests.incoming.factories import IncomingApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_erasing_an_accepted_incoming_student_keeps_figures_but_no_personal_value(client):
    from incoming import services as incoming_services

    application = IncomingApplicationFactory(
        name="Quorvath Blenkinsop", email="quorvath@partner.example.edu", status="under-review", passport_number="QX99887766"
    )
    incoming_services.change_status(application, "accepted", by=users.staff(username="c"))
    application.refresh_from_db()
    IncomingDocument.objects.create(
        application=application, kind="passport", file=ContentFile(minimal_pdf("Quorvath"), name="p.pdf"), size=10
    )
    old_url = application.get_private_url()
    record = application.mobility_record
    services.erase(application, ErasedRecord.Cause.REQUEST)
    application.refresh_from_db()
    record.refresh_from_db()
    assert application.status == "accepted" and application.reference and application.letter_code
    assert "Quorvath" not in application.name and application.passport_number != "QX99887766"
    assert not IncomingDocument.objects.exists()
    assert client.get(old_url).status_code == 404
    assert "Quorvath" not in record.student_name
    assert (record.direction, record.partner_id) == ("incoming", application.partner_id)
    assert IncomingApplication.objects.accepted().count() == 1
