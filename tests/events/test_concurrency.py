"""Two real database connections race for the last seat."""

import threading
import time

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.events.factories import RegistrationEventFactory, RegistrationFactory


@pytest.fixture
def slow_insert(monkeypatch):
    """Hold each transaction open between counting the seats and inserting.

    Without the row lock both threads would count the same free seat in this gap.
    """
    create = Registration.objects.create

    def slow_create(**kwargs):
        time.sleep(0.5)
        return create(**kwargs)

    monkeypatch.setattr(Registration.objects, "create", slow_create)


@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_seat_never_overbook(slow_insert):
    event = RegistrationEventFactory(capacity=2)
    RegistrationFactory(event=event)  # one seat left
    barrier = threading.Barrier(2)
    results, errors = [], []

    def register(email):
        try:
            barrier.wait(timeout=10)
            results.append(services.register(event, name="Racer", email=email).status)
        except Exception as error:  # reported below; a thread must not die silently
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=register, args=(f"racer{i}@example.org",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(results) == [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    assert event.registrations.confirmed().count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_email_racing_twice_gets_one_registration(slow_insert):
    event = RegistrationEventFactory(capacity=5)
    barrier = threading.Barrier(2)
    outcomes = []

    def register():
        try:
            barrier.wait(timeout=10)
            services.register(event, name="Twin", email="twin@example.org")
            outcomes.append("ok")
        except services.RegistrationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert event.registrations.count() == 1
