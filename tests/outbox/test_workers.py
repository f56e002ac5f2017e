"""Done-when 3: two workers and two schedulers at once deliver each message and each reminder once.

Each `manage.py procrastinate worker` process is a worker and a scheduler; two
run here against the test database, with the reminder and retry schedules
turned to every two seconds so that both schedulers start them many times.
"""

import datetime
import time

import pytest
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob, ProcrastinateWorker

from events import services as event_services
from exchanges.models import Application, ChecklistItem, ChecklistReminder
from outbox.models import Message
from partners.models import AgreementReminder
from tests.background import start_worker_process, stop_worker_process, wait_for
from tests.core.factories import UserFactory
from tests.events.factories import RegistrationEventFactory
from tests.exchanges.factories import ApplicationFactory, CallProgrammeFactory
from tests.partners.factories import AgreementFactory

pytestmark = pytest.mark.django_db(transaction=True)

REGISTRANTS = 60
AGREEMENTS = 5
CHECKLIST_ITEMS = 3
EVERY_TWO_SECONDS = "* * * * * */2"


def test_two_workers_and_two_schedulers_send_each_message_and_reminder_once(queue, smtp, tmp_path, capsys):
    # At 0.2 s a message, one worker alone would need longer than a polling interval (5 s)
    # for the lot, so the other worker takes its share even if it starts listening late.
    smtp.delay = 0.2
    smtp.start()
    for n in range(AGREEMENTS):
        AgreementFactory(
            ends_on=timezone.localdate() + datetime.timedelta(days=20 + n),
            owner=UserFactory(email=f"owner{n}@example.edu"),
        )
    offer = CallProgrammeFactory()
    student = ApplicationFactory(
        call=offer.call,
        status=Application.Status.ACCEPTED,
        nominated_programme=offer.programme,
        email="student@example.edu",
    )
    for n in range(CHECKLIST_ITEMS):
        ChecklistItem.objects.create(
            call=offer.call,
            kind=ChecklistItem.Kind.FACT,
            title_en=f"Item {n}",
            title_zh_hant=f"Item {n}",
            due_on=timezone.localdate() + datetime.timedelta(days=5 + n),
        )
    schedule = {
        "partners.agreement_reminders": EVERY_TWO_SECONDS,
        "exchanges.checklist_reminders": EVERY_TWO_SECONDS,
        "outbox.retry": EVERY_TWO_SECONDS,
    }
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    processes = [start_worker_process(log, smtp=smtp, schedule=schedule) for log in logs]
    try:
        assert wait_for(lambda: ProcrastinateWorker.objects.count() == 2, timeout=60), "workers did not start"
        started = time.monotonic()
        event = RegistrationEventFactory(capacity=None)
        for n in range(REGISTRANTS):  # people register while both workers and both schedulers run
            event_services.register(event, name=f"Visitor {n}", email=f"visitor{n}@example.org")

        def reminder_runs():
            return min(
                ProcrastinateJob.objects.filter(task_name=name, status="succeeded").count()
                for name in ("partners.agreement_reminders", "exchanges.checklist_reminders")
            )

        def done():
            return (
                Message.objects.sent().count() == REGISTRANTS + AGREEMENTS + CHECKLIST_ITEMS
                and reminder_runs() >= 4
                and not ProcrastinateJob.objects.filter(
                    status__in=["todo", "doing"],
                    task_name__in=["partners.agreement_reminders", "exchanges.checklist_reminders"],
                ).exists()
            )

        assert wait_for(done, timeout=120), (Message.objects.sent().count(), reminder_runs())
        elapsed = time.monotonic() - started
    finally:
        for process in processes:
            stop_worker_process(process)

    recipients = smtp.recipients()
    expected = (
        [f"visitor{n}@example.org" for n in range(REGISTRANTS)]
        + [f"owner{n}@example.edu" for n in range(AGREEMENTS)]
        + [student.email] * CHECKLIST_ITEMS
    )
    assert sorted(recipients) == sorted(expected)  # every confirmation and every reminder, each once
    assert AgreementReminder.objects.count() == AGREEMENTS
    assert ChecklistReminder.objects.filter(application=student).count() == CHECKLIST_ITEMS

    # Each scheduled moment became exactly one job, however many schedulers saw it.
    reminder_jobs = ProcrastinateJob.objects.filter(task_name="partners.agreement_reminders")
    moments = [job.args["timestamp"] for job in reminder_jobs]
    assert len(moments) == len(set(moments)) >= 4
    checklist_moments = [
        job.args["timestamp"] for job in ProcrastinateJob.objects.filter(task_name="exchanges.checklist_reminders")
    ]
    assert len(checklist_moments) == len(set(checklist_moments)) >= 4
    assert not ProcrastinateJob.objects.filter(status="failed").exists()

    # Both workers took part in the deliveries.
    deliveries = [log.read_text().count("outbox.deliver[") for log in logs]
    assert all(count > 0 for count in deliveries), deliveries

    with capsys.disabled():
        print(
            f"\n[two workers] {REGISTRANTS} confirmations + {AGREEMENTS} agreement and {CHECKLIST_ITEMS} checklist reminders delivered once each in "
            f"{elapsed:.1f} s; reminder schedule ran {len(moments)} times (one job per moment, no duplicate); "
            f"delivery log lines per worker: {deliveries}"
        )
