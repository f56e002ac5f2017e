import pytest

from partners import demo
from partners.models import Agreement, AgreementDocument, PartnerContact, PartnerUniversity

pytestmark = pytest.mark.django_db


def counts():
    return tuple(model.objects.count() for model in (PartnerUniversity, Agreement, PartnerContact, AgreementDocument))


def test_demo_seeds_partners_contacts_and_signed_documents_once():
    demo.seed(draw_images=False)
    first = counts()
    demo.seed(draw_images=False)
    assert counts() == first
    assert first[0] == 154 and PartnerUniversity.objects.values("country").distinct().count() == 26
    assert first[2] >= 154 and first[3] > 0


def test_demo_documents_are_real_pdfs():
    demo.seed(draw_images=False)
    document = AgreementDocument.objects.first()
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_demo_has_agreements_in_every_status():
    demo.seed(draw_images=False)
    statuses = {agreement.status for agreement in Agreement.objects.all()}
    assert {Agreement.Status.ACTIVE, Agreement.Status.EXPIRING, Agreement.Status.EXPIRED, Agreement.Status.DRAFT,
            Agreement.Status.TERMINATED} <= statuses
