"""Retention runs every night on the task queue's scheduler (once, however many workers)."""

from jobs.queue import scheduled
from privacy.models import RetentionRun
from privacy.services import apply_retention


@scheduled("30 18 * * *", name="privacy.apply_retention")  # 02:30 in Taipei
def retention(timestamp):
    # Idempotent: what a run removed is gone, so a second run at the same moment removes nothing.
    apply_retention(trigger=RetentionRun.Trigger.SCHEDULE)
