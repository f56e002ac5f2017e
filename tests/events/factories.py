import datetime

import factory
from django.utils import timezone

from events.models import Registration
from tests.factories import EventFactory, StaffUserFactory, UserFactory


class RegistrationEventFactory(EventFactory):
    """An event in a week that takes registrations: 2 seats, deadline in 5 days."""

    registration_open = True
    capacity = 2
    registration_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=5))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(RegistrationEventFactory)
    name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    affiliation = "Partner University"
    consent = True
    status = Registration.Status.CONFIRMED


def saved_user(groups=None, staff=True):
    """A user whose password hash is in the database.

    tests.factories.UserFactory sets the password after saving without saving
    again, so force_login's session hash would not match the stored user.
    """
    user = StaffUserFactory(groups=groups or []) if staff else UserFactory()
    user.save()
    return user
