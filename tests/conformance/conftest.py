"""The seeded demo site, made once for this package and rolled back after it."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="package")
def seeded_site(django_db_setup, django_db_blocker):
    """seed_demo's whole site (images included) inside one transaction that is rolled back at the end.

    Each test runs in a savepoint inside it, so what one test posts is undone before the next.
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            staff = get_user_model().objects.create_superuser("conformance", "conformance@example.edu", "x-long-password")
            yield staff
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def renderer(seeded_site, db):
    from tests.conformance.pages import Renderer

    return Renderer(seeded_site)
