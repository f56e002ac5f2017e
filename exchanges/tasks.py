"""Scheduled jobs of the exchanges app (run by the queue's scheduler, see jobs/queue.py)."""

import datetime

from django.utils import timezone

from exchanges import checklists
from jobs.queue import scheduled


@scheduled("10 0 * * *", name="exchanges.checklist_reminders")  # 08:10 in Taipei, after the agreement reminders
def checklist_reminders(timestamp):
    # The day of the scheduled moment, not of the run: a late or repeated run looks at the
    # same day, and each reminder is recorded once per student, item and threshold.
    on = timezone.localdate(datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC))
    checklists.send_due_reminders(on=on)
