import datetime

import pytest

from partners.models import Agreement
from partners.services import prepare_renewal
from tests.core.factories import UserFactory
from tests.partners.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_renewal_is_a_draft_linked_to_the_agreement_it_renews():
    agreement = AgreementFactory(outbound_seats=4, inbound_seats=3, subject_areas="Engineering", auto_renews=True)
    draft, created = prepare_renewal(agreement)
    assert created and draft.renewal_of == agreement and draft.status == Agreement.Status.DRAFT
    assert (draft.kind, draft.outbound_seats, draft.inbound_seats, draft.subject_areas, draft.auto_renews) == (
        agreement.kind, 4, 3, "Engineering", True,
    )


def test_renewal_proposes_the_next_period_of_the_same_length():
    agreement = AgreementFactory()
    draft, _ = prepare_renewal(agreement)
    assert draft.starts_on == agreement.ends_on + datetime.timedelta(days=1)
    assert draft.ends_on - draft.starts_on == agreement.ends_on - agreement.starts_on


def test_renewal_keeps_the_owner_or_takes_the_user():
    user = UserFactory()
    draft, _ = prepare_renewal(AgreementFactory(owner=None), user=user)
    assert draft.owner == user


def test_preparing_a_renewal_twice_makes_one_draft():
    agreement = AgreementFactory()
    first, _ = prepare_renewal(agreement)
    second, created = prepare_renewal(agreement)
    assert first == second and not created
    assert agreement.renewals.count() == 1


def test_renewal_never_copies_internal_notes():
    draft, _ = prepare_renewal(AgreementFactory(internal_notes="Old negotiation"))
    assert draft.internal_notes == ""
