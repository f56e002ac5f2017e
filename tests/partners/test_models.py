import datetime

import pytest
from django.utils import timezone

from partners.models import Agreement, PartnerUniversity
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
Status = Agreement.Status


def today():
    return timezone.localdate()


def statuses_agree(agreement, on):
    """The model's status and the queryset that filters by it tell the same story."""
    status = agreement.status_on(on)
    return Agreement.objects.with_status(status, on=on).filter(pk=agreement.pk).exists() and all(
        not Agreement.objects.with_status(other, on=on).filter(pk=agreement.pk).exists()
        for other in Status.values
        if other != status
    )


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(-1, Status.EXPIRED), (0, Status.EXPIRING), (1, Status.EXPIRING)],
)
def test_status_around_the_end_date(offset, expected):
    agreement = AgreementFactory(ends_on=today() + datetime.timedelta(days=offset))
    assert agreement.status_on(today()) == expected
    assert statuses_agree(agreement, today())


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(179, Status.EXPIRING), (180, Status.EXPIRING), (181, Status.ACTIVE)],
)
def test_status_around_the_expiring_threshold(days_left, expected):
    agreement = AgreementFactory(ends_on=today() + datetime.timedelta(days=days_left))
    assert agreement.status_on(today()) == expected
    assert statuses_agree(agreement, today())


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(-1, Status.ACTIVE), (0, Status.ACTIVE), (1, Status.SIGNED)],
)
def test_status_around_the_start_date(offset, expected):
    agreement = AgreementFactory(
        signed_on=today() - datetime.timedelta(days=30), starts_on=today() + datetime.timedelta(days=offset)
    )
    assert agreement.status_on(today()) == expected
    assert statuses_agree(agreement, today())


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(-1, Status.TERMINATED), (0, Status.TERMINATED), (1, Status.ACTIVE)],
)
def test_status_around_the_termination_date(offset, expected):
    agreement = AgreementFactory(terminated_on=today() + datetime.timedelta(days=offset))
    assert agreement.status_on(today()) == expected
    assert statuses_agree(agreement, today())


def test_unsigned_agreement_is_a_draft():
    agreement = AgreementFactory(signed_on=None)
    assert agreement.status == Status.DRAFT
    assert statuses_agree(agreement, today())


def test_open_ended_agreement_stays_active():
    agreement = AgreementFactory(ends_on=None)
    assert agreement.status == Status.ACTIVE
    assert statuses_agree(agreement, today())


def test_with_unknown_status_is_empty():
    AgreementFactory()
    assert not Agreement.objects.with_status("nonsense").exists()


def test_expiring_window_is_inclusive_of_its_last_day():
    ending = AgreementFactory(ends_on=today() + datetime.timedelta(days=30))
    AgreementFactory(ends_on=today() + datetime.timedelta(days=31))
    assert list(Agreement.objects.expiring(within=30)) == [ending]


def test_partner_without_agreement_in_force_counts_expired_only_partner():
    lapsed = AgreementFactory(ends_on=today() - DAY, starts_on=today() - datetime.timedelta(days=400)).partner
    current = AgreementFactory().partner
    without = set(PartnerUniversity.objects.without_agreement_in_force())
    assert lapsed in without and current not in without


def test_renewal_chain_runs_from_the_oldest_to_the_newest():
    partner = PartnerUniversityFactory()
    first = AgreementFactory(partner=partner)
    second = AgreementFactory(partner=partner, renewal_of=first)
    third = AgreementFactory(partner=partner, renewal_of=second, signed_on=None)
    assert second.renewal_chain() == [first, second, third]


def test_history_records_who_changed_an_agreement(django_user_model):
    agreement = AgreementFactory(outbound_seats=2)
    agreement.outbound_seats = 5
    agreement.save()
    latest, previous = agreement.history.all()[:2]
    delta = latest.diff_against(previous)
    assert [change.field for change in delta.changes] == ["outbound_seats"]
    assert (delta.changes[0].old, delta.changes[0].new) == (2, 5)


def test_history_keeps_both_languages_of_a_partner_name():
    partner = PartnerUniversityFactory(name_en="Old Name", name_zh_hant="舊名")
    partner.name_zh_hant = "新名"
    partner.save()
    assert partner.history.first().name_zh_hant == "新名"
    assert partner.history.last().name_zh_hant == "舊名"


def test_agreements_in_force_are_counted_as_each_agreement_tells_its_own_status():
    # Agreements on either side of every boundary, counted on each of those days; the oracle is
    # the agreement's own status_on(), written in Python apart from the SQL.
    day = datetime.date(2027, 3, 10)
    one = datetime.timedelta(days=1)
    shapes = [
        {},
        {"signed_on": None},
        {"starts_on": None},
        {"starts_on": day},
        {"starts_on": day + one},
        {"ends_on": day},
        {"ends_on": day - one},
        {"ends_on": None},
        {"terminated_on": day},
        {"terminated_on": day + one},
    ]
    partners = []
    for number, shape in enumerate(shapes):
        partner = PartnerUniversityFactory(name_en=f"Partner {number}")
        fields = {"signed_on": day - 30 * one, "starts_on": day - 10 * one, "ends_on": day + 10 * one, **shape}
        AgreementFactory(partner=partner, **fields)
        AgreementFactory(partner=partner, **fields)
        partners.append(partner)
    for on in (day - one, day, day + one):
        counted = dict(PartnerUniversity.objects.with_active_agreement_count(on).values_list("pk", "active_agreement_count"))
        in_force = (Agreement.Status.ACTIVE, Agreement.Status.EXPIRING)
        expected = {
            partner.pk: sum(agreement.status_on(on) in in_force for agreement in partner.agreements.all())
            for partner in partners
        }
        assert counted == expected, on
        assert set(counted.values()) == {0, 2}
