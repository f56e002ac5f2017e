import pytest

from exchanges import demo
from exchanges.models import (
    Application,
    ApplicationCall,
    ApplicationDocument,
    CallProgramme,
    ExchangeProgram,
    MobilityRecord,
)
from partners import demo as partners_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    partners_demo.seed(draw_images=False)
    demo.seed(draw_images=False)


def counts():
    return [model.objects.count() for model in (ExchangeProgram, ApplicationCall, Application, MobilityRecord,
                                                 ApplicationDocument)]


def test_seeding_twice_changes_nothing(seeded):
    before = counts()
    demo.seed(draw_images=False)
    assert counts() == before


def test_demo_has_every_kind_of_programme(seeded):
    kinds = set(ExchangeProgram.objects.values_list("kind", flat=True))
    assert kinds == set(ExchangeProgram.Kind.values)


def test_demo_open_call_has_applications_in_every_status(seeded):
    open_call = ApplicationCall.objects.open().get()
    statuses = set(open_call.applications.values_list("status", flat=True))
    assert statuses == set(Application.Status.values)


def test_demo_has_about_five_hundred_mobility_records_over_eight_years(seeded):
    assert 480 <= MobilityRecord.objects.count() <= 560
    assert MobilityRecord.objects.values("academic_year").distinct().count() >= 8


def test_demo_nominations_stay_within_seats(seeded):
    offers = list(CallProgramme.objects.with_seats_claimed())
    assert any(offer.seats_claimed for offer in offers)  # the demo nominates someone
    for offer in offers:
        assert offer.seats_claimed <= offer.seats


def test_demo_documents_are_pdfs(seeded):
    document = ApplicationDocument.objects.first()
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
