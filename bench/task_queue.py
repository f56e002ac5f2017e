#!/usr/bin/env python3
"""The task queue measured on this machine: procrastinate on the portal's PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/oia_queuebench .venv/bin/python bench/task_queue.py

The database is emptied of jobs and outbox messages first (give it one of its own).
Measures: the cost of writing a job inside a transaction; jobs per second with one
and with two worker processes; how soon an idle worker starts a new job
(LISTEN/NOTIFY); e-mails per second from the outbox to a local SMTP server
(aiosmtpd, in this process) with two workers. Writes bench/results/queue.md.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oia_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ["TASK_QUEUE"] = "procrastinate"
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "2529"))

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from procrastinate.contrib.django.models import ProcrastinateJob  # noqa: E402

from jobs.queue import defer, defer_many  # noqa: E402
from jobs.tasks import ping  # noqa: E402
from outbox.models import Message  # noqa: E402
from outbox.services import queue_message  # noqa: E402
from tests.background import SmtpSink  # noqa: E402

JOBS = 2000
MAILS = 1000


def empty():
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE procrastinate_jobs, procrastinate_workers, procrastinate_periodic_defers CASCADE")
    Message.objects.all().delete()


def workers(count, extra_env=None):
    env = {**os.environ, "DJANGO_LOG_LEVEL": "WARNING", **(extra_env or {})}
    return [
        subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker", "--concurrency=4"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]


def stop(processes):
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=60)


def wait_until(condition, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise TimeoutError


def registered_workers(count):
    from procrastinate.contrib.django.models import ProcrastinateWorker

    wait_until(lambda: ProcrastinateWorker.objects.count() >= count, timeout=120)


def defer_cost():
    empty()
    times = []
    for _ in range(500):
        started = time.perf_counter()
        with transaction.atomic():
            defer(ping)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), sorted(times)[int(len(times) * 0.95)]


def throughput(worker_count):
    empty()
    processes = workers(worker_count)
    try:
        registered_workers(worker_count)
        with transaction.atomic():
            defer_many(ping, [{} for _ in range(JOBS)])
        started = time.monotonic()
        wait_until(lambda: ProcrastinateJob.objects.filter(task_name="jobs.ping", status="succeeded").count() == JOBS)
        return JOBS / (time.monotonic() - started)
    finally:
        stop(processes)


def pickup_latency():
    empty()
    processes = workers(1)
    try:
        registered_workers(1)
        for _ in range(50):
            defer(ping)
            time.sleep(0.1)
        wait_until(lambda: ProcrastinateJob.objects.filter(task_name="jobs.ping", status="succeeded").count() == 50)
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT EXTRACT(EPOCH FROM started.at - deferred.at) * 1000
                   FROM procrastinate_events deferred JOIN procrastinate_events started USING (job_id)
                   JOIN procrastinate_jobs job ON job.id = deferred.job_id
                   WHERE job.task_name = 'jobs.ping' AND deferred.type = 'deferred' AND started.type = 'started'"""
            )
            latencies = sorted(float(row[0]) for row in cursor.fetchall())
        return statistics.median(latencies), latencies[int(len(latencies) * 0.95)]
    finally:
        stop(processes)


def mail_throughput():
    empty()
    sink = SmtpSink(port=SMTP_PORT)
    sink.start()
    env = {"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(SMTP_PORT)}
    processes = workers(2, env)
    try:
        registered_workers(2)
        started = time.monotonic()
        with transaction.atomic():
            for n in range(MAILS):
                queue_message(recipient=f"bench{n}@example.org", subject="Bench", body="Text " * 40, language="en", topic="bench")
        written = time.monotonic() - started
        wait_until(lambda: Message.objects.sent().count() == MAILS)
        elapsed = time.monotonic() - started
        assert len(sink.recipients()) == MAILS == len(set(sink.recipients()))
        return written, elapsed
    finally:
        stop(processes)
        sink.stop()


def main():
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
    defer_median, defer_p95 = defer_cost()
    one = throughput(1)
    two = throughput(2)
    pickup_median, pickup_p95 = pickup_latency()
    written, delivered = mail_throughput()
    empty()
    load = os.getloadavg()[0]
    report = f"""# Task queue (procrastinate {__import__('importlib.metadata').metadata.version('procrastinate')}) on this machine

`bench/task_queue.py`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores shared
(load average {load:.1f} when it ended), PostgreSQL at `DATABASE_URL`, workers with `--concurrency=4`.

| measure | result |
|---|---|
| writing one job in a transaction (`defer`, with BEGIN/COMMIT) | median {defer_median:.2f} ms, p95 {defer_p95:.2f} ms |
| empty jobs, 1 worker process | {one:.0f} jobs/s ({JOBS} jobs) |
| empty jobs, 2 worker processes | {two:.0f} jobs/s ({JOBS} jobs) |
| idle worker: job written → job started (LISTEN/NOTIFY) | median {pickup_median:.0f} ms, p95 {pickup_p95:.0f} ms |
| {MAILS} e-mails through the outbox to a local SMTP server, 2 workers | written in {written:.1f} s, all delivered {delivered:.1f} s after the first was written ({MAILS / delivered:.0f}/s) |
"""
    out = ROOT / "bench" / "results" / "queue.md"
    out.write_text(report)
    print(report)


if __name__ == "__main__":
    main()
