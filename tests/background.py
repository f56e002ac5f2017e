"""Real background machinery for tests: a local SMTP server and procrastinate workers.

The SMTP server is aiosmtpd on 127.0.0.1; it can start late (the mail server is
"down" until then: connections are refused) and stop again. Workers are the
real procrastinate worker, either in this process (`run_worker`, until the queue
is empty) or as `manage.py procrastinate worker` processes against the test database.
"""

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import quote

from aiosmtpd.controller import Controller
from django.db import connection
from procrastinate.contrib.django import app

BASE_DIR = Path(__file__).resolve().parent.parent
# The ports this project's tests may use for SMTP servers.
SMTP_PORTS = range(int(os.environ.get("TEST_SMTP_PORT", "2525")), int(os.environ.get("TEST_SMTP_PORT", "2525")) + 5)


def free_port(ports=SMTP_PORTS):
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {ports}")


class Received:
    def __init__(self, envelope):
        self.recipients = list(envelope.rcpt_tos)
        self.message = message_from_bytes(envelope.original_content or envelope.content, policy=default_policy)

    @property
    def subject(self):
        return str(self.message["subject"])

    @property
    def text(self):
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part else ""


class SmtpSink:
    """A mail server on 127.0.0.1:port that keeps every message it accepts."""

    def __init__(self, port=None):
        self.port = port or free_port()
        # Seconds each message takes to accept, as a real server's round trip would:
        # a test of several workers sets it so that no one worker drains the queue alone.
        self.delay = 0
        self.received = []
        self._lock = threading.Lock()
        self._controller = None

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            self.received.append(Received(envelope))
        return "250 Message accepted for delivery"

    def start(self):
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port, ready_timeout=10)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def recipients(self):
        with self._lock:
            return [recipient for item in self.received for recipient in item.recipients]

    def settings(self):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }


def due_jobs():
    from django.db.models import Q
    from django.utils import timezone
    from procrastinate.contrib.django.models import ProcrastinateJob

    return ProcrastinateJob.objects.filter(Q(scheduled_at__isnull=True) | Q(scheduled_at__lte=timezone.now()), status="todo")


def run_worker(**options):
    """Run a real worker in this process until no job is left that is due now.

    A worker told not to wait stops when it finds the queue empty, even while a
    job it runs is about to add more; so it is run again until nothing is due.
    Jobs run in threads with connections of their own, so the test must commit
    its data (django_db(transaction=True)).
    """
    options = {"wait": False, "listen_notify": False, "install_signal_handlers": False, **options}
    # What `manage.py procrastinate worker` does: a pooled connector of its own for the worker.
    for _round in range(50):
        run_in_own_thread(lambda: _run_worker_once(options))
        if not due_jobs().exists():
            return
    raise AssertionError("The queue never emptied")


def _run_worker_once(options):
    with app.replace_connector(app.connector.get_worker_connector()):
        app.run_worker(**options)


def run_in_own_thread(function):
    """The worker's event loop in a thread of its own: the test's thread may already run one (Playwright's)."""
    errors = []

    def target():
        try:
            function()
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=target, name="test-worker")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def database_url():
    """The URL of the database this test runs on, for worker processes."""
    params = connection.settings_dict
    host = params.get("HOST") or "localhost"
    credentials = quote(params.get("USER") or "", safe="")
    if params.get("PASSWORD"):
        credentials += ":" + quote(params["PASSWORD"], safe="")
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgres://{credentials}@{quote(host, safe='')}{port}/{params['NAME']}"


def start_worker_process(log_path, smtp=None, schedule=None, concurrency=2, queues=None):
    """Start `manage.py procrastinate worker` (worker and scheduler) on the test database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "TASK_QUEUE": "procrastinate",
        "DJANGO_LOG_LEVEL": "INFO",
    }
    if smtp is not None:
        env.update(TEST_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_PORT=str(smtp.port))
        env["EMAIL_HOST"] = "127.0.0.1"
    if schedule:
        import json

        env["JOB_SCHEDULE"] = json.dumps(schedule)
    command = [sys.executable, "manage.py", "procrastinate", "worker", f"--concurrency={concurrency}"]
    if queues:
        command.append(f"--queues={','.join(queues)}")
    log = open(log_path, "wb")  # noqa: SIM115 - closed by stop_worker_process
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log = log
    return process


def stop_worker_process(process, timeout=20):
    process.terminate()  # SIGTERM: the worker finishes its running jobs, then stops
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.log.close()


def wait_for(condition, timeout=60, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False
