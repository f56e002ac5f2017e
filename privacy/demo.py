"""Demo: a retention run over the demo data (oia_portal/demo.py adds log entries and a request about applications)."""

from privacy import services
from privacy.models import RetentionRun


def seed(scale=1, stdout=None, draw_images=True):
    if RetentionRun.objects.exists():
        return  # seeded before: running seed_demo again changes nothing
    run = services.apply_retention(trigger=RetentionRun.Trigger.DEMO)
    if stdout:
        stdout.write(f"Privacy: retention run removed {run.total} ({run.removed}).")
