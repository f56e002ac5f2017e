"""The home page's key figures count published partners only."""

import pytest

from oia_portal.statistics.figures import key_figures
from tests.exchanges.factories import MobilityRecordFactory
from tests.partners.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_key_figures_count_only_published_partners():
    AgreementFactory(partner__country="JP")
    AgreementFactory(partner__country="FR")
    AgreementFactory(partner__country="US", partner__is_published=False)
    MobilityRecordFactory.create_batch(3)
    figures = key_figures()
    # MobilityRecordFactory makes three more published partners in Japan.
    assert figures == {
        "partners": 5,
        "countries": 2,
        "agreements_in_force": 2,
        "students_abroad": 3,
        "students_received": 0,
    }
