"""Two requests at the same moment: separate database connections in threads, real commits."""

import threading

import pytest
from django.db import connection, transaction

from exchanges import services
from exchanges.models import Application, ReferenceSequence
from tests.exchanges.factories import ApplicationChoiceFactory, ApplicationFactory, CallProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(functions):
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # noqa: BLE001 (the test inspects what each thread met)
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_concurrent_reference_numbers_are_distinct():
    def take():
        with transaction.atomic():
            return ReferenceSequence.next_number(2031)

    numbers = run_together([take] * 6)
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]


def test_two_coordinators_cannot_fill_the_last_seat_twice():
    offer = CallProgrammeFactory(seats=1)
    applications = []
    for _ in range(2):
        application = ApplicationFactory(call=offer.call, status=Application.Status.UNDER_REVIEW)
        ApplicationChoiceFactory(application=application, programme=offer.programme)
        applications.append(application)

    def nominate(application):
        return lambda: services.change_status(application, Application.Status.NOMINATED, programme=offer.programme)

    results = run_together([nominate(a) for a in applications])
    assert sum(isinstance(r, services.NoSeatsLeft) for r in results) == 1
    assert Application.objects.filter(status=Application.Status.NOMINATED).count() == 1


def test_two_coordinators_confirming_one_call_leave_one_placement():
    from exchanges import placement
    from exchanges.models import Nomination, WaitingListEntry

    offer = CallProgrammeFactory(seats=1)
    for score in (90, 80, 70):
        application = ApplicationFactory(call=offer.call, interview_score=score)
        ApplicationChoiceFactory(application=application, programme=offer.programme)
    digest = placement.compute_placement(offer.call).digest()

    def confirm():
        return placement.confirm_placement(offer.call, expected_digest=digest)

    results = run_together([confirm, confirm])
    assert sum(isinstance(r, placement.PlacementError) for r in results) == 1
    assert Nomination.objects.count() == 1
    assert list(WaitingListEntry.objects.order_by("position").values_list("position", flat=True)) == [1, 2]
    assert Application.objects.filter(status=Application.Status.NOMINATED).count() == 1
