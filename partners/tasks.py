"""Scheduled jobs of the partners app (run by the queue's scheduler, see jobs/queue.py)."""

import datetime

from django.utils import timezone

from jobs.queue import scheduled
from partners.reminders import send_due_reminders


@scheduled("0 0 * * *", name="partners.agreement_reminders")  # 08:00 in Taipei
def agreement_reminders(timestamp):
    # The day of the scheduled moment, not of the run: a late or repeated run
    # looks at the same day, and each reminder is recorded once (unique per threshold).
    on = timezone.localdate(datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC))
    send_due_reminders(on=on)
