"""The task queue: jobs retried and then visible, scheduled jobs declared in code."""

import pytest
from django.urls import reverse
from procrastinate import RetryStrategy
from procrastinate.contrib.django.models import ProcrastinateJob

from jobs.queue import SCHEDULE, defer, job
from outbox.models import Message
from tests.background import run_worker
from tests.core import users

ATTEMPTS = []


@job(name="tests.jobs.always_fails", retry=RetryStrategy(max_attempts=2))
def always_fails(label):
    ATTEMPTS.append(label)
    raise RuntimeError(f"{label} cannot be done")


@pytest.mark.django_db(transaction=True)
def test_failed_job_is_retried_then_stays_visible_as_failed(queue, client):
    ATTEMPTS.clear()
    defer(always_fails, label="the import")
    run_worker()
    assert ATTEMPTS == ["the import"] * 3  # the first run and two retries
    failed = ProcrastinateJob.objects.get(task_name="tests.jobs.always_fails")
    assert (failed.status, failed.attempts) == ("failed", 3)

    client.force_login(users.superuser())
    page = client.get(reverse("admin:procrastinate_procrastinatejob_changelist"), {"status": "failed"})
    assert page.status_code == 200 and "always_fails" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_job_deferred_in_a_rolled_back_transaction_never_runs(queue):
    from django.db import transaction

    from outbox import services

    with pytest.raises(RuntimeError), transaction.atomic():
        services.queue_message(recipient="a@example.org", subject="s", body="b", language="en", topic="t")
        raise RuntimeError("the registration failed")
    assert not Message.objects.exists() and not ProcrastinateJob.objects.exists()


def test_the_scheduled_jobs_the_issue_names_are_declared():
    assert {
        "partners.agreement_reminders",
        "exchanges.checklist_reminders",
        "oia_portal.news_going_live",
        "outbox.retry",
        "outbox.purge",
        "jobs.remove_old_jobs",
    } <= set(SCHEDULE)


def test_every_schedule_is_a_valid_cron():
    import croniter

    for name, cron in SCHEDULE.items():
        assert croniter.croniter.is_valid(cron), name
