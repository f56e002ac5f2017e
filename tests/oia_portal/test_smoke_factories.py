import pytest

from tests.core.factories import StaffUserFactory
from tests.events.factories import EventFactory, NewsArticleFactory
from tests.exchanges.factories import CallProgrammeFactory, MobilityRecordFactory
from tests.partners.factories import AgreementFactory
from tests.scholars.factories import VisitFactory


@pytest.mark.django_db
def test_every_foundation_factory_builds_a_saved_row():
    objects = [
        AgreementFactory(),
        CallProgrammeFactory(),
        MobilityRecordFactory(),
        VisitFactory(),
        EventFactory(),
        NewsArticleFactory(),
        StaffUserFactory(groups=["Partnerships"]),
    ]
    assert all(obj.pk for obj in objects)
