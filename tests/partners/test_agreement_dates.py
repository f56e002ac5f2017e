"""Agreement.active(), .expiring() and status_on(): which agreements are in force on a day."""

import datetime

import pytest

from partners.models import Agreement
from tests.partners.factories import AgreementFactory

pytestmark = pytest.mark.django_db


DAY = datetime.timedelta(days=1)
ON = datetime.date(2026, 6, 15)


def agreement(**dates):
    defaults = {"signed_on": ON - 400 * DAY, "starts_on": ON - 365 * DAY, "ends_on": ON + 730 * DAY}
    return AgreementFactory(**{**defaults, **dates})


# Agreement.active(on=...)


def test_active_excludes_agreement_starting_the_day_after():
    agreement(starts_on=ON + DAY)
    assert not Agreement.objects.active(on=ON).exists()


def test_active_includes_agreement_starting_on_the_day():
    found = agreement(starts_on=ON)
    assert list(Agreement.objects.active(on=ON)) == [found]


def test_active_includes_agreement_ending_on_the_day():
    found = agreement(ends_on=ON)
    assert list(Agreement.objects.active(on=ON)) == [found]


def test_active_excludes_agreement_that_ended_the_day_before():
    agreement(ends_on=ON - DAY)
    assert not Agreement.objects.active(on=ON).exists()


def test_active_includes_open_ended_agreement():
    found = agreement(ends_on=None)
    assert list(Agreement.objects.active(on=ON)) == [found]


def test_active_excludes_unsigned_draft():
    agreement(signed_on=None)
    assert not Agreement.objects.active(on=ON).exists()


def test_active_excludes_agreement_terminated_on_the_day():
    agreement(terminated_on=ON)
    assert not Agreement.objects.active(on=ON).exists()


def test_active_includes_agreement_terminated_from_the_day_after():
    found = agreement(terminated_on=ON + DAY)
    assert list(Agreement.objects.active(on=ON)) == [found]


# Agreement.expiring(within=..., on=...)


def test_expiring_includes_agreement_ending_today():
    found = agreement(ends_on=ON)
    assert list(Agreement.objects.expiring(within=90, on=ON)) == [found]


def test_expiring_includes_agreement_ending_on_the_last_day_of_the_window():
    found = agreement(ends_on=ON + 90 * DAY)
    assert list(Agreement.objects.expiring(within=90, on=ON)) == [found]


def test_expiring_excludes_agreement_ending_the_day_after_the_window():
    agreement(ends_on=ON + 91 * DAY)
    assert not Agreement.objects.expiring(within=90, on=ON).exists()


def test_expiring_excludes_agreement_that_ended_yesterday():
    agreement(ends_on=ON - DAY)
    assert not Agreement.objects.expiring(within=90, on=ON).exists()


def test_expiring_excludes_open_ended_agreement():
    agreement(ends_on=None)
    assert not Agreement.objects.expiring(within=90, on=ON).exists()


def test_status_on_follows_the_dates():
    found = agreement(ends_on=ON + 10 * DAY)
    assert found.status_on(ON) == Agreement.Status.EXPIRING
    assert found.status_on(ON + 11 * DAY) == Agreement.Status.EXPIRED
    assert found.status_on(ON - 366 * DAY) == Agreement.Status.SIGNED
