#!/usr/bin/env python3
"""How long the portal's PDFs take to build: does any of them belong on the task queue?

    DATABASE_URL=postgres://…/oia_demo .venv/bin/python bench/pdf.py

Needs a database seeded with `manage.py seed_demo` (an accepted incoming student, the fact
sheet). Builds each document RUNS times in this process and writes bench/results/pdf.md with
the wall time, this process's CPU time and the size of each.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "pdf.md"
RUNS = 5


def measure(name, build):
    walls, cpus, size = [], [], 0
    for _run in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        size = len(build())
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - started_cpu) * 1000)
    return f"| {name} | {walls[0]:.0f} | {statistics.median(walls):.0f} | {max(walls):.0f} | {statistics.median(cpus):.0f} | {size // 1024} |"


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oia_portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")  # as manage.py does on a development machine
    django.setup()
    from incoming import letters
    from incoming.models import FactSheet, IncomingApplication

    accepted = IncomingApplication.objects.select_related("partner").accepted().order_by("pk").first()
    sheet = FactSheet.get_solo()
    rows = [
        measure("incoming acceptance letter (EN + 中文)", lambda: letters.acceptance_letter(accepted)),
        measure("fact sheet, English", lambda: letters.fact_sheet(sheet, "en")),
        measure("fact sheet, 中文", lambda: letters.fact_sheet(sheet, "zh-hant")),
    ]
    load = os.getloadavg()[0]
    text = (
        "# PDF generation (`incoming.letters`)\n\n"
        f"{RUNS} runs each in one process; load average {load:.1f} on {os.cpu_count()} cores during the run "
        "(wall times include waiting for the CPU; the CPU column is this process's own time).\n\n"
        "| document | first run ms | median ms | max ms | median CPU ms | KB |\n|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
