import pytest

from tests import factories


@pytest.mark.django_db
def test_every_foundation_factory_builds_a_saved_row():
    objects = [
        factories.AgreementFactory(),
        factories.CallProgrammeFactory(),
        factories.MobilityRecordFactory(),
        factories.VisitFactory(),
        factories.EventFactory(),
        factories.NewsArticleFactory(),
        factories.StaffUserFactory(groups=["Partnerships"]),
    ]
    assert all(obj.pk for obj in objects)
