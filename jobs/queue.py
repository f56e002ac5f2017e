"""The portal's task queue: procrastinate, on the portal's own PostgreSQL.

A job is a function decorated with `@job`; `some_job.defer(**kwargs)` writes one
row in the caller's transaction (the Django connection), so a job exists only
if the change that asked for it was committed. Workers (`manage.py procrastinate
worker`, on any number of machines) take rows with FOR UPDATE SKIP LOCKED, so
no two run the same job. A job that raises is retried with exponential back-off
and, after its last attempt, stays in the admin (Background jobs) as failed.

Scheduled jobs are declared here in code, one line each:

    @scheduled("0 1 * * *")          # cron, in UTC
    def purge_old_things(timestamp):  # timestamp: the scheduled moment (epoch seconds)
        ...

Every worker also runs the scheduler; the database accepts one job per
(schedule, moment), so two or ten schedulers still start each run once.
The job itself must be idempotent too (a rerun after a crash sends nothing twice).

When settings.TASK_QUEUE is "inline" (no worker; the demo on its own), `defer`
runs the job in this process after the transaction commits instead.
"""

import logging

from django.conf import settings
from django.db import transaction
from procrastinate import RetryStrategy, manager
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector
from procrastinate.jobs import JobDeferrer

logger = logging.getLogger(__name__)

# 2, 4, 8, 16 s ... then failed for good after 6 attempts (about two minutes).
DEFAULT_RETRY = RetryStrategy(max_attempts=6, exponential_wait=2)

SCHEDULE = {}  # name -> cron, for the README, the admin and the tests


def queue_is_inline():
    return getattr(settings, "TASK_QUEUE", "procrastinate") == "inline"


class InlineDeferrer:
    """`defer` for a queue-less process: run the job once the transaction commits."""

    def __init__(self, task):
        self.task = task

    def defer(self, **kwargs):
        transaction.on_commit(lambda: run_inline(self.task, kwargs))


def run_inline(task, kwargs):
    try:
        task(**kwargs)
    except Exception:  # the outbox's own retry job picks up what is left
        logger.exception("Inline job %s failed", task.name)


# Jobs are always written through Django's own connection, also inside a worker
# (whose app talks to the database through a pool of its own): a job deferred by
# a job is then part of that job's transaction too.
_IN_TRANSACTION = manager.JobManager(DjangoConnector())


def defer(task, **kwargs):
    """Defer `task` on the queue (in the caller's transaction), or run it inline after commit."""
    if queue_is_inline():
        InlineDeferrer(task).defer(**kwargs)
        return None
    return JobDeferrer(job_manager=_IN_TRANSACTION, job=task.configure().job).defer(**kwargs)


def defer_many(task, kwargs_list):
    """`defer` for many jobs of one task, in one statement."""
    if queue_is_inline():
        for kwargs in kwargs_list:
            InlineDeferrer(task).defer(**kwargs)
        return []
    return JobDeferrer(job_manager=_IN_TRANSACTION, job=task.configure().job).batch_defer(*kwargs_list)


def job(func=None, *, name=None, retry=DEFAULT_RETRY, **options):
    """Declare a queue job; call `defer(the_job, **kwargs)` to run it on a worker."""

    def decorate(function):
        return app.task(name=name or f"{function.__module__}.{function.__name__}", retry=retry, **options)(function)

    return decorate(func) if func is not None else decorate


def scheduled(cron, *, name=None, retry=DEFAULT_RETRY):
    """Run the decorated function on the queue's scheduler at each `cron` moment (UTC).

    The function receives `timestamp`, the scheduled moment. The queueing lock
    keeps at most one run of a schedule waiting at a time. settings.JOB_SCHEDULE
    may give a schedule another cron by name.
    """

    def decorate(function):
        task_name = name or f"{function.__module__}.{function.__name__}"
        task = app.task(name=task_name, retry=retry, queueing_lock=task_name)(function)
        SCHEDULE[task_name] = settings.JOB_SCHEDULE.get(task_name, cron)
        app.periodic(cron=SCHEDULE[task_name], periodic_id=task_name)(task)
        return task

    return decorate

