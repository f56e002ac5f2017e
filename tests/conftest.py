import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.utils import translation

from tests.background import SmtpSink


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that flush the database run after the others, whatever reordered them.

    pytest keeps the tests of one browser (a session-scoped parameter) together, which pulls
    the transactional browser tests in front of ordinary ones as soon as one ordinary test uses
    a browser page; their flush then deletes what migrations made (the staff groups) before
    the ordinary tests run.
    """

    items.sort(key=flushes)


@pytest.fixture(autouse=True, scope="session")
def _mail_only_through_the_outbox(django_test_environment):
    """Django's test set-up puts mail in memory; here, only the outbox's delivery may reach it
    (tests/mail_guard.py). A test that needs another backend still sets its own."""
    import os

    from django.conf import settings

    if "TEST_EMAIL_BACKEND" not in os.environ:
        settings.EMAIL_BACKEND = "tests.mail_guard.OutboxOnlyBackend"


def flushes(item):
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    return transactional or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the demo's departments (a fresh install has none)."""
    from core.demo import seed_departments

    with django_db_blocker.unblock():
        seed_departments()


@pytest.fixture(autouse=True)
def _departments_after_flush(request):
    """A flush empties the departments too; applications need them."""
    if flushes(request.node):
        request.getfixturevalue("transactional_db")
        from core.demo import seed_departments

        seed_departments()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached fragments and site settings must not leak from one test to the next.
    from core.fragment_cache import forget_kept_here

    cache.clear()
    forget_kept_here()
    yield
    cache.clear()
    forget_kept_here()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request leaves its language active in the thread; each test starts in English.
    with translation.override("en"):
        yield


@pytest.fixture
def superuser_client(client, db):
    """The test client, logged in as a superuser."""
    from tests.core import users

    client.force_login(users.superuser())
    return client


@pytest.fixture
def one_of_each(db):
    """A published row of each model the public pages and the admin show first: a partner with an
    agreement, a programme offered in an open call, a mobility record, a scholar's visit, an event,
    a news article, and the site settings. Returns the rows."""
    from core.models import SiteSettings
    from tests.events.factories import EventFactory, NewsArticleFactory
    from tests.exchanges.factories import CallProgrammeFactory, MobilityRecordFactory
    from tests.partners.factories import AgreementFactory
    from tests.scholars.factories import VisitFactory

    return [
        AgreementFactory(),
        CallProgrammeFactory(),
        MobilityRecordFactory(),
        VisitFactory(),
        EventFactory(),
        NewsArticleFactory(),
        SiteSettings.get_solo(),
    ]


@pytest.fixture
def smtp():
    """A local mail server, not yet accepting connections: call smtp.start()."""
    sink = SmtpSink()
    yield sink
    sink.stop()


@pytest.fixture
def queue(settings, smtp):
    """The real queue path: jobs go to procrastinate, mail to the local SMTP server."""
    settings.TASK_QUEUE = "procrastinate"
    for name, value in smtp.settings().items():
        setattr(settings, name, value)
    settings.OUTBOX_RETRY_SECONDS = 1
    # Jobs run in worker threads with connections of their own; unlike a worker
    # process's, those must not stay open past the job, or the test database
    # could not be dropped.
    database = connections.settings["default"]
    kept, database["CONN_MAX_AGE"] = database["CONN_MAX_AGE"], 0
    yield settings
    database["CONN_MAX_AGE"] = kept
    # The queue's tables are not Django's to flush between tests: empty them here.
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE procrastinate_jobs, procrastinate_workers, procrastinate_periodic_defers CASCADE")
