"""The queue's own housekeeping."""

from procrastinate import sql
from procrastinate.contrib.django import app

from jobs.queue import job, scheduled

KEEP_FINISHED_HOURS = 24 * 14


@scheduled("40 19 * * *", name="jobs.remove_old_jobs")
def remove_old_jobs(timestamp):
    """Succeeded jobs are kept two weeks for the admin, then removed; failed ones stay until staff look."""
    app.connector.get_sync_connector().execute_query(
        sql.queries["delete_old_jobs"], nb_hours=KEEP_FINISHED_HOURS, queue=None, statuses=["succeeded"]
    )


@job(name="jobs.ping", retry=None)
def ping():
    """Does nothing: `defer(ping)` checks that workers take jobs (and is what bench/task_queue.py measures)."""
