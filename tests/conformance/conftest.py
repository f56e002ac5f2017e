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


@pytest.fixture(scope="package")
def site_pages(seeded_site, django_db_blocker):
    """Every page of the catalogue rendered once, for all the checks of this package.

    Returns the renderer (its clients answer the browser's requests for CSS and
    scripts), the rendered HTML pages and the pages that answered an unexpected status.
    """
    from tests.conformance.pages import Renderer, catalogue

    with django_db_blocker.unblock():
        renderer = Renderer(seeded_site)
        rendered, unexpected = catalogue(renderer)
    return renderer, rendered, unexpected


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS

    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}
